import { categories, type Database, datasets, embeddings, images, labels, studies } from '@loupe/db';
import type { Embedder } from '../embed';
import { makeGaussianClasses } from '../heads/gaussian-classes';
import { vectorToBytes } from '../jobs/ensure-embeddings';

export const CACHED_BACKBONE_ID = 'bench-cached-embeddings';

/** An embedder for datasets whose embeddings are all cached: it is never asked to compute one. */
export const cachedOnlyEmbedder = {
  backbone: { id: CACHED_BACKBONE_ID },
  backend: { name: 'cpu' },
  embed: async () => {
    throw new Error('every embedding should be cached');
  },
} as unknown as Embedder;

export type CachedDataset = { datasetId: string; imageIds: string[]; categoryIds: string[] };

/**
 * A large dataset without image bytes, for benchmarks: 11 categories, studies of four images, an embedding
 * cached for every image (Gaussian classes) and half the images labelled, as in a dataset being worked through.
 */
export async function seedCachedDataset(
  db: Database,
  options: { imageCount: number; dimensions: number },
): Promise<CachedDataset> {
  const { imageCount, dimensions } = options;
  const [dataset] = await db
    .insert(datasets)
    .values({ name: `bench-${imageCount}` })
    .returning();
  const classCount = 11;
  const categoryRows = await db
    .insert(categories)
    .values(Array.from({ length: classCount }, (_, c) => ({ datasetId: dataset!.id, name: `view ${c}` })))
    .returning();
  const data = makeGaussianClasses({
    count: imageCount,
    dimension: dimensions,
    classCount,
    separation: 1.2,
    seed: 'bench',
  });
  const rowOf = (i: number) => data.features.subarray(i * dimensions, (i + 1) * dimensions);
  const studyRows = await db
    .insert(studies)
    .values(
      Array.from({ length: Math.ceil(imageCount / 4) }, (_, s) => ({ datasetId: dataset!.id, key: `S${s}` })),
    )
    .returning();
  const imageIds: string[] = [];
  for (let start = 0; start < imageCount; start += 1000) {
    const count = Math.min(1000, imageCount - start);
    const rows = await db
      .insert(images)
      .values(
        Array.from({ length: count }, (_, k) => ({
          datasetId: dataset!.id,
          studyId: studyRows[Math.floor((start + k) / 4)]!.id,
          sha256: (start + k).toString(16).padStart(64, '0'),
          width: 256,
          height: 256,
          format: 'PNG' as const,
          sourceFileName: `${start + k}.png`,
        })),
      )
      .returning({ id: images.id });
    imageIds.push(...rows.map((row) => row.id));
    await db.insert(embeddings).values(
      rows.map((row, k) => ({
        imageId: row.id,
        backbone: CACHED_BACKBONE_ID,
        cropKey: 'full',
        dimensions,
        vector: vectorToBytes(rowOf(start + k)),
      })),
    );
    await db.insert(labels).values(
      rows.flatMap((row, k) =>
        (start + k) % 2 === 0
          ? [
              {
                imageId: row.id,
                categoryId: categoryRows[data.labels[start + k]!]!.id,
                source: 'IMPORT' as const,
              },
            ]
          : [],
      ),
    );
  }
  return { datasetId: dataset!.id, imageIds, categoryIds: categoryRows.map((row) => row.id) };
}
