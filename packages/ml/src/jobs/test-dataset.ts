import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type BlobStore,
  categories,
  createFileBlobStore,
  type Database,
  datasets,
  images,
  labels,
  studies,
} from '@loupe/db';
import { type DemoCategory, generateDataset, renderImage, renderOptionsFor } from '../synthetic';

export type SeededDataset = {
  datasetId: string;
  blobs: BlobStore;
  imageIds: string[];
  categoryIds: Map<DemoCategory, string>;
};

/** A small synthetic dataset written straight into the database and blob store, for job tests. */
export async function seedTestDataset(
  db: Database,
  options: {
    studies: number;
    imagesPerStudy: number;
    categories: DemoCategory[];
    labelled: 'all' | 'none' | 'one-class';
  },
): Promise<SeededDataset> {
  const blobs = createFileBlobStore(await mkdtemp(join(tmpdir(), 'loupe-job-blobs-')));
  const [dataset] = await db
    .insert(datasets)
    .values({ name: `jobs-${Math.random()}` })
    .returning();
  const datasetId = dataset!.id;
  const categoryIds = new Map<DemoCategory, string>();
  for (const name of options.categories) {
    const [row] = await db.insert(categories).values({ datasetId, name }).returning();
    categoryIds.set(name, row!.id);
  }
  const plan = generateDataset({
    seed: 11,
    studies: options.studies,
    imagesPerStudy: options.imagesPerStudy,
    categories: options.categories,
    difficulty: 0.2,
  });
  const imageIds: string[] = [];
  for (const planned of plan.studies) {
    const [study] = await db.insert(studies).values({ datasetId, key: planned.key }).returning();
    for (const image of planned.images) {
      const rendered = await renderImage(renderOptionsFor(plan, planned, image));
      const sha256 = await blobs.put(rendered.png);
      const [row] = await db
        .insert(images)
        .values({
          datasetId,
          studyId: study!.id,
          sha256,
          width: plan.width,
          height: plan.height,
          format: 'PNG',
          sourceFileName: image.fileName,
        })
        .returning();
      imageIds.push(row!.id);
      const category = options.labelled === 'one-class' ? options.categories[0]! : image.category;
      if (options.labelled !== 'none') {
        await db
          .insert(labels)
          .values({ imageId: row!.id, categoryId: categoryIds.get(category)!, source: 'IMPORT' });
      }
    }
  }
  return { datasetId, blobs, imageIds, categoryIds };
}
