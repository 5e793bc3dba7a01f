/**
 * Embedding throughput: the whole pipeline (decode, crop, resize, embed) against the bare forward pass on
 * the same backend and worker pool, with one and two workers. Prints a table and writes
 * bench/results/embedding.json.  Run: npx tsx bench/embedding.ts [images=256] [backbone=mobilenet-v2-pool]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { createEmbedder, startWorkerRunner } from '../src/embed';
import { loadBenchImages } from './bench-images';

type Row = {
  mode: string;
  workers: number;
  isFused: boolean;
  images: number;
  seconds: number;
  imagesPerSecond: number;
};

const count = Number(process.argv[2] ?? 256);
const backbone = process.argv[3] ?? 'mobilenet-v2-pool';
const batchSize = 8;

async function timeIt(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return (performance.now() - start) / 1000;
}

function row(mode: string, workers: number, isFused: boolean, seconds: number): Row {
  return { mode, workers, isFused, images: count, seconds, imagesPerSecond: count / seconds };
}

/** Forward passes only: ready-made pixel batches through the worker pool. */
async function benchForward(workers: number, isFusedAllowed: boolean): Promise<Row> {
  const runner = await startWorkerRunner({ backbone, backend: 'auto', isFusedAllowed }, workers);
  const size = runner.backbone.inputSize ** 2 * 3;
  const batch = () => new Float32Array(batchSize * size).map((_, index) => (index % 251) / 251);
  const runAll = (batches: number) =>
    Promise.all(Array.from({ length: batches }, () => runner.run(batch(), batchSize)));
  await runAll(workers);
  const pixels = Array.from({ length: count / batchSize }, batch);
  const seconds = await timeIt(() => Promise.all(pixels.map((p) => runner.run(p, batchSize))));
  await runner.close();
  return row('forward', workers, runner.backbone.isFused, seconds);
}

async function benchPipeline(workers: number, images: Uint8Array[]): Promise<Row> {
  const embedder = await createEmbedder({ backbone, workers, batchSize });
  const items = images.map((bytes) => ({ bytes, crop: { x: 8, y: 8, width: 240, height: 240 } }));
  await embedder.embed(items.slice(0, batchSize * workers));
  const seconds = await timeIt(async () => {
    const results = await embedder.embed(items);
    const failed = results.filter((result) => !result.ok).length;
    if (failed > 0) throw new Error(`${failed} images failed to embed`);
  });
  await embedder.close();
  return row('pipeline', workers, embedder.backbone.isFused, seconds);
}

function printTable(rows: Row[]): void {
  console.log('\nmode      workers  fused  images/s  of forward');
  for (const r of rows) {
    const forward = rows.find(
      (f) => f.mode === 'forward' && f.workers === r.workers && f.isFused === r.isFused,
    );
    const share = forward ? `${((100 * r.imagesPerSecond) / forward.imagesPerSecond).toFixed(0)} %` : '';
    console.log(
      `${r.mode.padEnd(9)} ${String(r.workers).padStart(7)}  ${String(r.isFused).padEnd(5)}  ${r.imagesPerSecond.toFixed(1).padStart(8)}  ${share}`,
    );
  }
}

async function main(): Promise<void> {
  const { source, images } = await loadBenchImages(count);
  const loadBefore = loadavg()[0];
  const rows: Row[] = [await benchForward(1, false)];
  for (const workers of [1, 2])
    rows.push(await benchForward(workers, true), await benchPipeline(workers, images));
  printTable(rows);
  const machine = {
    cpus: availableParallelism(),
    model: cpus()[0]?.model,
    loadAverage: [loadBefore, loadavg()[0]],
  };
  const result = { date: new Date().toISOString(), backbone, batchSize, source, machine, rows };
  await mkdir(new URL('./results/', import.meta.url), { recursive: true });
  await writeFile(
    new URL('./results/embedding.json', import.meta.url),
    `${JSON.stringify(result, null, 2)}\n`,
  );
}

await main();
