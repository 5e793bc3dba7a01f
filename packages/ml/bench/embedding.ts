/**
 * Embedding throughput: the whole pipeline (decode, crop, resize, embed) against the bare forward pass
 * (ready-made pixels through the same worker pool), with one and two workers, plus the unfolded layers
 * model for reference. Rounds alternate so that load from other processes hits every mode alike; the best
 * round of each mode is reported. Prints a table and writes bench/results/embedding.json (another
 * backbone: embedding-<backbone>.json).
 *   npx tsx bench/embedding.ts [images=256] [rounds=3] [backbone=mobilenet-v2-pool]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { type BatchRunner, createEmbedder, type Embedder, startWorkerRunner } from '../src/embed';
import { loadBenchImages } from './bench-images';
import { type Measured, type Mode, measure, type Projected, projectRates } from './measure-modes';

const count = Number(process.argv[2] ?? 256);
const rounds = Number(process.argv[3] ?? 3);
const backbone = process.argv[4] ?? 'mobilenet-v2-block10';
const batchSize = 8;

function forwardMode(runner: BatchRunner): Mode {
  const size = runner.backbone.inputSize ** 2;
  const template = new Uint8Array(batchSize * size).map((_, index) => (index * 7) % 251);
  const run = async () => {
    // Batches are transferred to the workers, so each round sends fresh copies (a memcpy each).
    const batches = Array.from({ length: Math.ceil(count / batchSize) }, () => template.slice());
    await Promise.all(batches.map((grey) => runner.run(grey, batchSize)));
  };
  return {
    mode: 'forward',
    workers: runner.workers,
    isFused: runner.backbone.isFused,
    run,
    close: runner.close,
  };
}

function pipelineMode(embedder: Embedder, images: Uint8Array[]): Mode {
  const items = images.map((bytes) => ({ bytes, crop: { x: 8, y: 8, width: 240, height: 240 } }));
  const run = async () => {
    const failed = (await embedder.embed(items)).filter((result) => !result.ok).length;
    if (failed > 0) throw new Error(`${failed} images failed to embed`);
  };
  return {
    mode: 'pipeline',
    workers: embedder.workers,
    isFused: embedder.backbone.isFused,
    run,
    close: embedder.close,
  };
}

async function modesFor(workers: number, images: Uint8Array[]): Promise<Mode[]> {
  const data = { backbone, backend: 'auto' as const, isFusedAllowed: true };
  const modes = [forwardMode(await startWorkerRunner(data, workers))];
  modes.push(pipelineMode(await createEmbedder({ backbone, workers, batchSize }), images));
  if (workers === 1) modes.push(forwardMode(await startWorkerRunner({ ...data, isFusedAllowed: false }, 1)));
  return modes;
}

function printTable(rows: Projected[]): void {
  console.log(
    '\nmode      workers  fused  images/s  rounds            of forward  CPU ms/image  idle-machine est.',
  );
  for (const r of rows) {
    const forward = rows.find(
      (f) => f.mode === 'forward' && f.workers === r.workers && f.isFused === r.isFused,
    );
    const share = forward ? `${((100 * r.imagesPerSecond) / forward.imagesPerSecond).toFixed(0)} %` : '';
    const all = r.roundsPerSecond.map((v) => v.toFixed(1)).join(' ');
    const cells = [r.mode.padEnd(9), String(r.workers).padStart(7), String(r.isFused).padEnd(5)];
    cells.push(r.imagesPerSecond.toFixed(1).padStart(8), all.padEnd(16), share.padStart(10));
    cells.push(
      r.cpuMsPerImage.toFixed(1).padStart(12),
      `${r.projectedOnIdleCores.toFixed(1)} images/s`.padStart(18),
    );
    console.log(cells.join('  '));
  }
}

async function main(): Promise<void> {
  const { source, images } = await loadBenchImages(count);
  const loadBefore = loadavg()[0];
  const rows: Measured[] = [];
  for (const workers of [1, 2]) {
    const modes = await modesFor(workers, images);
    rows.push(...(await measure(modes, count, rounds)));
    for (const mode of modes) await mode.close();
  }
  const projected = projectRates(rows, availableParallelism());
  printTable(projected);
  const machine = {
    cpus: availableParallelism(),
    model: cpus()[0]?.model,
    loadAverage: [loadBefore, loadavg()[0]],
  };
  const result = {
    date: new Date().toISOString(),
    backbone,
    batchSize,
    rounds,
    source,
    machine,
    rows: projected,
  };
  await mkdir(new URL('./results/', import.meta.url), { recursive: true });
  const name = backbone === 'mobilenet-v2-pool' ? 'embedding.json' : `embedding-${backbone}.json`;
  await writeFile(new URL(`./results/${name}`, import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `\n${source}; load average ${machine.loadAverage.map((v) => v?.toFixed(1)).join(' → ')} on ${machine.cpus} cores`,
  );
}

await main();
