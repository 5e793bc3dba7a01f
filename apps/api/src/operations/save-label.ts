import { categories, type Database, images, labels } from '@loupe/db';
import { and, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../app-context';
import { AppError, notFound } from '../errors';
import { publishChange } from '../events/publish-change';

export type SavedLabel = typeof labels.$inferSelect;

/** A label may name only a live category (not merged, not archived) of the image's own dataset. */
export async function assertLabelCategory(
  db: Database,
  categoryId: string,
  datasetId: string,
): Promise<void> {
  const [category] = await db
    .select({ id: categories.id })
    .from(categories)
    .where(
      and(
        eq(categories.id, categoryId),
        eq(categories.datasetId, datasetId),
        isNull(categories.mergedIntoId),
        isNull(categories.archivedAt),
      ),
    );
  if (!category)
    throw new AppError(
      'BAD_INPUT',
      'That category does not exist in this dataset (or was merged or archived).',
    );
}

/**
 * Records an annotator's label as a new event (the history keeps every earlier one) and asks for a retrain;
 * label changes that arrive while a run is going are coalesced into one more run.
 */
export async function saveLabel(
  ctx: AppContext,
  options: {
    imageId: string;
    categoryId: string | null;
    authorId: string;
    source?: 'ANNOTATOR' | 'READER';
    note?: string;
  },
): Promise<SavedLabel> {
  const { db } = ctx.database;
  const [image] = await db
    .select({ id: images.id, datasetId: images.datasetId })
    .from(images)
    .where(eq(images.id, options.imageId));
  if (!image) throw notFound('The image');
  if (options.categoryId) await assertLabelCategory(db, options.categoryId, image.datasetId);
  const [label] = await db
    .insert(labels)
    .values({
      imageId: image.id,
      categoryId: options.categoryId,
      source: options.source ?? 'ANNOTATOR',
      authorId: options.authorId,
      note: options.note,
    })
    .returning();
  await publishChange(ctx, { type: 'labelChanged', datasetId: image.datasetId, imageIds: [image.id] });
  await requestRetrainQuietly(ctx, image.datasetId, 'label changed', options.authorId);
  return label!;
}

/** Enqueues a retrain; a queue hiccup is logged, never lost silently, and never fails the label itself. */
export async function requestRetrainQuietly(
  ctx: AppContext,
  datasetId: string,
  reason: string,
  requestedBy?: string,
): Promise<void> {
  try {
    await ctx.jobs?.enqueue('retrain', { datasetId, reason, requestedBy });
  } catch (error) {
    ctx.logger.error(
      { err: error, datasetId },
      'could not enqueue a retrain; the next change or schedule will',
    );
  }
}
