/**
 * Retrain latency: from a label's commit to the new model version's predictions and queue scores being
 * readable, on cached embeddings (the frozen backbone embeds each image once, so this is the path every
 * label takes). `npx tsx bench/retrain-latency.ts [--quick | --large] [--postgres URL]`
 * Runs against PGlite in a fresh data folder on disk, as the app runs it (an in-memory PGlite is slower at
 * this size: its files grow by copying), or PostgreSQL with --postgres; prints p50/p95 and writes JSON.
 * Heads train in a worker thread, as in the app (`--in-thread`: in this thread, for comparison). Beside the
 * latency it reports the longest stall of this thread during a run (the longest gap between two ticks of a
 * 5 ms timer): how long a request to the embedded app could wait while a run goes on.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileBlobStore, labels, openDatabase, predictions } from '@loupe/db';
import { openFreshPostgres } from '@loupe/db/testing';
import { eq } from 'drizzle-orm';
import { retrainDataset } from '../src/jobs/retrain-dataset';
import { createVersionComputer, inThreadComputer } from '../src/jobs/version-computer';
import { cachedOnlyEmbedder, seedCachedDataset } from '../src/synthetic/cached-dataset';

const args = process.argv.slice(2);
const isQuick = args.includes('--quick');
const postgresUrl = args.includes('--postgres') ? args[args.indexOf('--postgres') + 1] : undefined;
const isInThread = args.includes('--in-thread');

/** Watches this thread while `run` goes on; returns the longest gap between two ticks of a 5 ms timer. */
async function longestStall<T>(run: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 5);
  try {
    const result = await run();
    stallMs = Math.max(stallMs, performance.now() - last);
    return { result, stallMs };
  } finally {
    clearInterval(timer);
  }
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))]!;

async function measure(imageCount: number, dimensions: number, runs: number) {
  // A scratch database on the server (dropped afterwards), or PGlite in a data folder of its own (removed).
  const dataDir = postgresUrl ? undefined : await mkdtemp(join(tmpdir(), 'loupe-bench-db-'));
  const database = postgresUrl
    ? await openFreshPostgres(postgresUrl, { maxConnections: 10 })
    : await openDatabase({ dataDir });
  const { db } = database;
  const blobs = createFileBlobStore(await mkdtemp(join(tmpdir(), 'loupe-bench-')));
  const embeddingCache = new Map<string, Float32Array>(); // as the worker keeps it between runs
  const computer = isInThread ? inThreadComputer : createVersionComputer();
  const context = { db, blobs, embedder: cachedOnlyEmbedder, embeddingCache, computer };
  const seeded = await seedCachedDataset(db, { imageCount, dimensions });
  await retrainDataset(context, { datasetId: seeded.datasetId }); // warm-up: version 1
  const latencies: number[] = [];
  const stalls: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const imageId = seeded.imageIds[2 * run + 1]!;
    const started = performance.now();
    const { result: outcome, stallMs } = await longestStall(async () => {
      await db
        .insert(labels)
        .values({ imageId, categoryId: seeded.categoryIds[run % 11]!, source: 'IMPORT' });
      const outcome = await retrainDataset(context, { datasetId: seeded.datasetId });
      if (outcome.kind !== 'created') throw new Error(outcome.message);
      await db
        .select({ margin: predictions.margin })
        .from(predictions)
        .where(eq(predictions.modelVersionId, outcome.modelVersionId))
        .limit(20);
      return outcome;
    });
    latencies.push(performance.now() - started);
    stalls.push(stallMs);
    if (run === runs - 1) console.error(`phases of the last run (ms): ${JSON.stringify(outcome.phasesMs)}`);
  }
  await database.close();
  await computer.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  return {
    imageCount,
    dimensions,
    runs,
    p50Ms: Math.round(percentile(latencies, 0.5)),
    p95Ms: Math.round(percentile(latencies, 0.95)),
    stallP50Ms: Math.round(percentile(stalls, 0.5)),
    stallMaxMs: Math.round(Math.max(...stalls)),
  };
}

const isLargeOnly = args.includes('--large');
const cases = isQuick
  ? [[5_500, 384, 5]]
  : isLargeOnly
    ? [[100_000, 384, 3]]
    : [
        [5_500, 384, 10],
        [5_500, 1_280, 5],
        [100_000, 384, 3],
      ];
const results = [];
for (const [count, dimensions, runs] of cases) {
  const result = await measure(count!, dimensions!, runs!);
  results.push({
    database: postgresUrl ? 'postgres' : 'pglite',
    heads: isInThread ? 'this thread' : 'worker thread',
    ...result,
  });
  console.log(JSON.stringify(results.at(-1)));
}
console.table(results);
await mkdir(join(import.meta.dirname, 'results'), { recursive: true });
await writeFile(
  join(
    import.meta.dirname,
    'results',
    `retrain-latency-${postgresUrl ? 'postgres' : 'pglite'}${isLargeOnly ? '-large' : isQuick ? '-quick' : ''}${isInThread ? '-in-thread' : ''}.json`,
  ),
  `${JSON.stringify(results, null, 2)}\n`,
);
