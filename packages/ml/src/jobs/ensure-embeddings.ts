import { type BlobStore, type Database, embeddings } from '@loupe/db';
import { and, eq, inArray } from 'drizzle-orm';
import type { Embedder } from '../embed';
import { mapInSlices } from './in-slices';
import type { DatasetImage } from './load-dataset-images';

export type EmbeddingFailure = { imageId: string; code: string; message: string };

/** A worker keeps the vectors it has read or computed, so each retrain does not read them all again. */
export type EmbeddingCache = Map<string, Float32Array>;

const CACHE_LIMIT = 250_000;
const cacheKey = (imageId: string, backbone: string, cropKey: string) => `${imageId}|${backbone}|${cropKey}`;

function remember(cache: EmbeddingCache | undefined, key: string, vector: Float32Array): void {
  if (!cache) return;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, vector);
}

const CHUNK = 64;

/**
 * The computing of missing embeddings, one job at a time per embedder. Jobs of one worker (an import's
 * embedding and a training run of the same dataset, say) share its embedder, which is busy either way: a job
 * that waits finds in the shared cache what the one before it computed, instead of computing it again.
 */
const computing = new WeakMap<Embedder, Promise<unknown>>();

function oneAtATime<T>(embedder: Embedder, run: () => Promise<T>): Promise<T> {
  const next = (computing.get(embedder) ?? Promise.resolve()).catch(() => {}).then(run);
  computing.set(embedder, next);
  return next;
}

export function vectorToBytes(vector: Float32Array): Uint8Array {
  return new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength).slice();
}

export function bytesToVector(bytes: Uint8Array): Float32Array {
  const copy = bytes.slice();
  return new Float32Array(copy.buffer, copy.byteOffset, copy.byteLength / 4);
}

/**
 * Returns each image's embedding under its current crop box and the backbone, computing only those that are
 * missing (a new image, a changed crop, a new backbone). Images that cannot be embedded are reported, not thrown.
 */
export async function ensureEmbeddings(args: {
  db: Database;
  blobs: BlobStore;
  embedder: Embedder;
  images: readonly DatasetImage[];
  cache?: EmbeddingCache;
  onProgress?: (done: number, total: number) => void;
}): Promise<{ vectors: Map<string, Float32Array>; failures: EmbeddingFailure[]; computed: number }> {
  const { db, embedder, cache } = args;
  const backbone = embedder.backbone.id;
  const vectors = new Map<string, Float32Array>();
  await mapInSlices(args.images, (image) => {
    const cached = cache?.get(cacheKey(image.imageId, backbone, image.cropKey));
    if (cached) vectors.set(image.imageId, cached);
  });
  const uncached = args.images.filter((image) => !vectors.has(image.imageId));
  for (let start = 0; start < uncached.length; start += 1000) {
    const ids = uncached.slice(start, start + 1000).map((image) => image.imageId);
    const rows = await db
      .select({ imageId: embeddings.imageId, cropKey: embeddings.cropKey, vector: embeddings.vector })
      .from(embeddings)
      .where(and(eq(embeddings.backbone, backbone), inArray(embeddings.imageId, ids)));
    const wanted = new Map(
      uncached.slice(start, start + 1000).map((image) => [image.imageId, image.cropKey]),
    );
    for (const row of rows) {
      if (wanted.get(row.imageId) !== row.cropKey) continue;
      const vector = bytesToVector(row.vector);
      vectors.set(row.imageId, vector);
      remember(cache, cacheKey(row.imageId, backbone, row.cropKey), vector);
    }
  }
  if (!args.images.some((image) => !vectors.has(image.imageId)))
    return { vectors, failures: [], computed: 0 };
  return oneAtATime(embedder, () => computeMissing({ ...args, vectors }));
}

async function computeMissing(args: {
  db: Database;
  blobs: BlobStore;
  embedder: Embedder;
  images: readonly DatasetImage[];
  cache?: EmbeddingCache | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
  vectors: Map<string, Float32Array>;
}): Promise<{ vectors: Map<string, Float32Array>; failures: EmbeddingFailure[]; computed: number }> {
  const { db, embedder, cache, vectors } = args;
  const backbone = embedder.backbone.id;
  // What a job before this one computed meanwhile.
  for (const image of args.images) {
    const cached = vectors.has(image.imageId)
      ? undefined
      : cache?.get(cacheKey(image.imageId, backbone, image.cropKey));
    if (cached) vectors.set(image.imageId, cached);
  }
  const missing = args.images.filter((image) => !vectors.has(image.imageId));
  const failures: EmbeddingFailure[] = [];
  for (let start = 0; start < missing.length; start += CHUNK) {
    const chunk = missing.slice(start, start + CHUNK);
    const bytes = await Promise.all(
      chunk.map((image) => args.blobs.get(image.sha256).catch(() => undefined)),
    );
    const readable = chunk.filter((_, index) => bytes[index]);
    for (const [index, image] of chunk.entries()) {
      if (!bytes[index])
        failures.push({
          imageId: image.imageId,
          code: 'BLOB_NOT_FOUND',
          message: 'The image bytes are missing.',
        });
    }
    const results = await embedder.embed(
      readable.map((image) => ({ bytes: bytes[chunk.indexOf(image)]!, crop: image.crop ?? undefined })),
    );
    const rows = [];
    for (const [index, result] of results.entries()) {
      const image = readable[index]!;
      if (!result.ok) {
        failures.push({ imageId: image.imageId, code: result.error.code, message: result.error.message });
        continue;
      }
      vectors.set(image.imageId, result.vector);
      remember(cache, cacheKey(image.imageId, backbone, image.cropKey), result.vector);
      rows.push({
        imageId: image.imageId,
        backbone,
        cropKey: image.cropKey,
        dimensions: result.vector.length,
        vector: vectorToBytes(result.vector),
      });
    }
    if (rows.length) await db.insert(embeddings).values(rows).onConflictDoNothing();
    args.onProgress?.(Math.min(start + CHUNK, missing.length), missing.length);
  }
  return { vectors, failures, computed: missing.length - failures.length };
}
