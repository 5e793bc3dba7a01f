import type { BlobStore } from '@loupe/db';
import { seedImages, type TestDatabase, testDatabaseTargets } from '@loupe/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Embedder, EmbedItem } from '../embed';
import { type EmbeddingCache, ensureEmbeddings } from './ensure-embeddings';
import type { DatasetImage } from './load-dataset-images';

const [pglite] = testDatabaseTargets();

/** An embedder that counts the images it is asked for and answers each after a turn of the event loop. */
function countingEmbedder(id = 'counting') {
  const asked: number[] = [];
  const embedder = {
    backbone: { id },
    embed: async (items: readonly EmbedItem[]) => {
      asked.push(items.length);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return items.map((item) => ({ ok: true, vector: new Float32Array([item.bytes[0] ?? 0, 1]) }));
    },
  } as unknown as Embedder;
  return { embedder, asked };
}

describe('embedding what is missing', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('computes each missing embedding once when two jobs of one worker ask at the same time', async () => {
    database = await pglite!.open();
    const { imageIds } = await seedImages(database.db, 150);
    const images: DatasetImage[] = imageIds.map((imageId, index) => ({
      imageId,
      sha256: String(index),
      studyKey: 's1',
      crop: null,
      cropKey: 'full',
      categoryId: null,
      categoryName: null,
      labelId: null,
    }));
    const blobs = { get: async (sha256: string) => new Uint8Array([Number(sha256) % 256]) } as BlobStore;
    const { embedder, asked } = countingEmbedder();
    const cache: EmbeddingCache = new Map();
    const args = { db: database.db, blobs, embedder, cache };
    const [first, second] = await Promise.all([
      ensureEmbeddings({ ...args, images }),
      ensureEmbeddings({ ...args, images: images.slice(50) }),
    ]);
    expect(asked.reduce((sum, count) => sum + count, 0)).toBe(150);
    expect(first.computed + second.computed).toBe(150);
    expect(first.vectors.size).toBe(150);
    expect(second.vectors.size).toBe(100);
    for (const [index, imageId] of imageIds.entries()) {
      expect([...first.vectors.get(imageId)!]).toEqual([index % 256, 1]);
      if (index >= 50) expect(second.vectors.get(imageId)).toBe(first.vectors.get(imageId));
    }
    // A computation that failed does not stop the next job of the worker from computing.
    const flaky = countingEmbedder('flaky');
    const succeed = flaky.embedder.embed;
    flaky.embedder.embed = async () => {
      flaky.embedder.embed = succeed;
      throw new Error('the backend went away');
    };
    const failed = expect(ensureEmbeddings({ ...args, embedder: flaky.embedder, images })).rejects.toThrow(
      'went away',
    );
    const retried = await ensureEmbeddings({ ...args, embedder: flaky.embedder, images: images.slice(0, 3) });
    await failed;
    expect(retried.computed).toBe(3);
  });
});
