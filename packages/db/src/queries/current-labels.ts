import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { images, labels } from '../schema';

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

/** The current label of each given image: its label event with the highest sequence number. */
export async function findCurrentLabels(
  db: Database,
  imageIds: readonly string[],
): Promise<Map<string, CurrentLabel>> {
  if (imageIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([labels.imageId], currentLabelColumns)
    .from(labels)
    .where(inArray(labels.imageId, [...imageIds]))
    .orderBy(labels.imageId, desc(labels.seq));
  return new Map(rows.map((row) => [row.imageId, row]));
}

/** Current labels of a whole dataset (images without any label event are absent). */
export async function findDatasetCurrentLabels(db: Database, datasetId: string): Promise<CurrentLabel[]> {
  return db
    .selectDistinctOn([labels.imageId], currentLabelColumns)
    .from(labels)
    .innerJoin(images, and(eq(images.id, labels.imageId), eq(images.datasetId, datasetId)))
    .orderBy(labels.imageId, desc(labels.seq));
}

export const currentLabelSql = sql`(select l.category_id from labels l where l.image_id = images.id order by l.seq desc limit 1)`;
