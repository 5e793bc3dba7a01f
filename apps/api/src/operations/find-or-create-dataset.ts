import { type Database, datasets } from '@loupe/db';
import { eq } from 'drizzle-orm';
import { badInput, notFound } from '../errors';

export const DEFAULT_DATASET_NAME = 'default';

export type Dataset = typeof datasets.$inferSelect;

/** The dataset with this name, created if new (concurrent callers get the same row). */
export async function findOrCreateDataset(db: Database, options: { name: string }): Promise<Dataset> {
  const name = options.name.trim();
  if (!name || name.length > 200) throw badInput('A dataset name must have 1 to 200 characters.');
  await db.insert(datasets).values({ name }).onConflictDoNothing();
  const [dataset] = await db.select().from(datasets).where(eq(datasets.name, name));
  if (!dataset) throw new Error(`Dataset ${name} vanished after creation`);
  return dataset;
}

/** The dataset with this id, or NOT_FOUND. */
export async function requireDataset(db: Database, datasetId: string): Promise<Dataset> {
  const [dataset] = await db.select().from(datasets).where(eq(datasets.id, datasetId));
  if (!dataset) throw notFound('The dataset');
  return dataset;
}
