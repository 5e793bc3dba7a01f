import type { BackboneSpec } from '../backbone/types';
import type { BackendPreference } from '../backend/init-backend';
import type { Crop } from '../preprocess/crop';
import { preprocessToGrey } from '../preprocess/preprocess-image';
import { type BatchRunner, startInProcessRunner, startWorkerRunner } from './batch-runner';
import { mapLimited } from './map-limited';
import { toWireError, type WireError } from './worker-protocol';

export type EmbedItem = { bytes: Uint8Array; crop?: Crop };

/** One item's outcome: its vector, or why it failed (DECODE_FAILED, CROP_OUT_OF_BOUNDS, EMBED_FAILED…). */
export type EmbedResult = { ok: true; vector: Float32Array } | { ok: false; error: WireError };

export type EmbedderOptions = {
  backbone: BackboneSpec | string;
  /** Worker threads; 0 runs in this thread. Default: one per core for WASM/CPU, one for tfjs-node. */
  workers?: number;
  backend?: BackendPreference;
  /** Images per forward pass. Default 8. */
  batchSize?: number;
  /** Use the BatchNorm-folded fused forward pass when it matches the layers model. Default true. */
  isFusedAllowed?: boolean;
};

export type Embedder = Pick<BatchRunner, 'backbone' | 'backend' | 'workers'> & {
  /** Embeds every item; one item's failure never fails the others. Results keep the input order. */
  embed: (items: readonly EmbedItem[]) => Promise<EmbedResult[]>;
  close: () => Promise<void>;
};

/** Concatenates same-sized grey images into one buffer (transferred to a worker, so never shared). */
function concatenate(images: Uint8Array[], size: number): Uint8Array {
  const grey = new Uint8Array(images.length * size);
  for (const [index, image] of images.entries()) grey.set(image, index * size);
  return grey;
}

async function embedBatch(runner: BatchRunner, items: readonly EmbedItem[]): Promise<EmbedResult[]> {
  const { inputSize, dimensions } = runner.backbone;
  const prepared = await Promise.allSettled(
    items.map((item) => preprocessToGrey(item.bytes, { inputSize, crop: item.crop })),
  );
  const decoded = prepared.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  let vectors: Float32Array | WireError = new Float32Array(0);
  if (decoded.length > 0) {
    const grey = concatenate(decoded, inputSize * inputSize);
    vectors = await runner.run(grey, decoded.length).catch((error) => toWireError(error));
  }
  let next = 0;
  return prepared.map((outcome): EmbedResult => {
    if (outcome.status === 'rejected')
      return { ok: false, error: toWireError(outcome.reason, 'DECODE_FAILED') };
    if (!(vectors instanceof Float32Array)) return { ok: false, error: vectors };
    const start = next++ * dimensions;
    return { ok: true, vector: vectors.slice(start, start + dimensions) };
  });
}

/** Starts an embedder: preprocessing here (sharp, off the event loop), forward passes in worker threads. */
export async function createEmbedder(options: EmbedderOptions): Promise<Embedder> {
  const data = {
    backbone: options.backbone,
    backend: options.backend ?? 'auto',
    isFusedAllowed: options.isFusedAllowed ?? true,
  };
  const runner =
    options.workers === 0 ? await startInProcessRunner(data) : await startWorkerRunner(data, options.workers);
  const batchSize = Math.max(1, options.batchSize ?? 8);
  return {
    backbone: runner.backbone,
    backend: runner.backend,
    workers: runner.workers,
    embed: async (items) => {
      const batches = Array.from({ length: Math.ceil(items.length / batchSize) }, (_, index) =>
        items.slice(index * batchSize, (index + 1) * batchSize),
      );
      const results = await mapLimited(batches, 2 * Math.max(1, runner.workers) + 1, (batch) =>
        embedBatch(runner, batch),
      );
      return results.flat();
    },
    close: () => runner.close(),
  };
}
