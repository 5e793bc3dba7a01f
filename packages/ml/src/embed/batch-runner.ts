import { availableParallelism } from 'node:os';
import { loadBackbone } from '../backbone/load-backbone';
import { initBackend } from '../backend/init-backend';
import { runBatch } from './run-batch';
import { type Ready, startWorker, WorkerPool } from './worker-pool';
import type { EmbedWorkerData } from './worker-protocol';

/** Runs preprocessed batches through a backbone, in this thread or in worker threads. */
export type BatchRunner = Ready & {
  workers: number;
  /** `count` grey images of `inputSize²` bytes each → `count × dimensions` embedding values. */
  run: (grey: Uint8Array, count: number) => Promise<Float32Array>;
  close: () => Promise<void>;
};

/** Loads backend and backbone here; the forward pass blocks this thread. For tests and scripts. */
export async function startInProcessRunner(data: EmbedWorkerData): Promise<BatchRunner> {
  const backend = await initBackend(data.backend);
  const backbone = await loadBackbone(data.backbone, {
    isFusedAllowed: data.isFusedAllowed,
    log: console.error,
  });
  const { spec: _spec, predict: _predict, dispose: _dispose, ...info } = backbone;
  return {
    backbone: info,
    backend,
    workers: 0,
    run: async (grey, count) => runBatch(backbone, grey, count),
    close: async () => backbone.dispose(),
  };
}

/**
 * Starts worker threads, each with its own backend and backbone. With `workers` unset: one per core (at
 * most 4) for the single-threaded WASM and CPU backends, one for tfjs-node, which threads by itself.
 */
export async function startWorkerRunner(data: EmbedWorkerData, workers?: number): Promise<BatchRunner> {
  const first = await startWorker(data);
  const pool = new WorkerPool();
  pool.add(first.worker);
  const isSingleThreaded = first.ready.backend.name === 'wasm' || first.ready.backend.name === 'cpu';
  const wanted = workers ?? (isSingleThreaded ? Math.min(4, availableParallelism()) : 1);
  const others = await Promise.allSettled(Array.from({ length: wanted - 1 }, () => startWorker(data)));
  for (const other of others) {
    if (other.status === 'fulfilled') pool.add(other.value.worker);
    else console.warn(`[loupe/ml] an embedding worker failed to start: ${other.reason}`);
  }
  console.error(
    `[loupe/ml] ${pool.size} embedding worker(s), backend ${first.ready.backend.name}, ${first.ready.backbone.id}`,
  );
  return {
    ...first.ready,
    workers: pool.size,
    run: (grey, count) => pool.run(grey, count),
    close: () => pool.close(),
  };
}
