import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../client';
import { currentLabels, images, labels } from '../schema';

export type CurrentLabel = {
  imageId: string;
  labelId: string;
  categoryId: string | null;
  source: (typeof labels.$inferSelect)['source'];
  authorId: string | null;
  createdAt: Date;
};

const currentLabelColumns = {
  imageId: labels.imageId,
  labelId: labels.id,
  categoryId: labels.categoryId,
  source: labels.source,
  authorId: labels.authorId,
  createdAt: labels.createdAt,
};

/**
 * The current label of each given image: its label event with the highest sequence number, found through
 * `current_labels` (kept by a trigger on `labels`).
 */
export async function findCurrentLabels(
  db: Database,
  imageIds: readonly string[],
): Promise<Map<string, CurrentLabel>> {
  if (imageIds.length === 0) return new Map();
  const rows = await db
    .select(currentLabelColumns)
    .from(currentLabels)
    .innerJoin(labels, eq(labels.id, currentLabels.labelId))
    .where(inArray(currentLabels.imageId, [...imageIds]));
  return new Map(rows.map((row) => [row.imageId, row]));
}

/** Current labels of a whole dataset (images without any label event are absent). */
export async function findDatasetCurrentLabels(db: Database, datasetId: string): Promise<CurrentLabel[]> {
  return db
    .select(currentLabelColumns)
    .from(currentLabels)
    .innerJoin(images, and(eq(images.id, currentLabels.imageId), eq(images.datasetId, datasetId)))
    .innerJoin(labels, eq(labels.id, currentLabels.labelId))
    .orderBy(currentLabels.imageId);
}
