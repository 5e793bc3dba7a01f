import { imageExclusions, images } from '@loupe/db';
import { inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../app-context';
import { badInput } from '../errors';
import { publishChange } from '../events/publish-change';
import { datasetOfImages, distinctImageIds } from './image-batch';
import { CONTROL_CHARACTER } from './import-folder';
import { requestRetrainQuietly } from './save-label';

export const MAX_EXCLUSION_IMAGES = 500;
export const MAX_EXCLUSION_REASON_LENGTH = 500;

export type ExclusionChange = {
  imageIds: readonly string[];
  /** true leaves the images out; false brings them back. */
  excluded: boolean;
  /** Why (required to exclude; optional to bring back). */
  reason?: string | null | undefined;
  authorId: string;
};

function checkReason(reason: string | null | undefined, isRequired: boolean): string | null {
  const trimmed = reason?.trim() ?? '';
  if (trimmed === '') {
    if (isRequired) throw badInput('Say why the images are excluded.');
    return null;
  }
  if (trimmed.length > MAX_EXCLUSION_REASON_LENGTH)
    throw badInput(`A reason is at most ${MAX_EXCLUSION_REASON_LENGTH} characters.`);
  if (CONTROL_CHARACTER.test(trimmed))
    throw badInput('A reason is one line of text, without control characters.');
  return trimmed;
}

/**
 * Excludes images of one dataset from training, evaluation, predictions and the review queue, or brings them
 * back. Their labels stay as they are. One event per image whose state changes (an image already in the asked
 * state is left alone, keeping its reason), written with the images' new state in one transaction, then one
 * retrain request. All or nothing: an unknown image, images of two datasets or a bad reason change nothing.
 * Returns the image ids in the order given, without repeats.
 */
export async function setImagesExcluded(ctx: AppContext, change: ExclusionChange): Promise<string[]> {
  const imageIds = distinctImageIds(change.imageIds, MAX_EXCLUSION_IMAGES, 'excluded or brought back');
  const reason = checkReason(change.reason, change.excluded);
  const { db } = ctx.database;
  const changed = await db.transaction(async (tx) => {
    // Locked (in id order, so two overlapping changes wait rather than deadlock): the newest event stays in force.
    const found = await tx
      .select({ id: images.id, datasetId: images.datasetId, excludedAt: images.excludedAt })
      .from(images)
      .where(inArray(images.id, imageIds))
      .orderBy(images.id)
      .for('update');
    const datasetId = datasetOfImages(found, imageIds.length);
    const toChange = found.filter((image) => (image.excludedAt !== null) !== change.excluded);
    if (toChange.length === 0) return { datasetId, imageIds: [] };
    const ids = toChange.map((image) => image.id);
    const [event] = await tx
      .insert(imageExclusions)
      .values(
        ids.map((imageId) => ({ imageId, excluded: change.excluded, reason, authorId: change.authorId })),
      )
      .returning({ createdAt: imageExclusions.createdAt });
    await tx
      .update(images)
      .set({ excludedAt: change.excluded ? event!.createdAt : null })
      .where(inArray(images.id, ids));
    return { datasetId, imageIds: ids };
  });
  if (changed.imageIds.length > 0) {
    await publishChange(ctx, {
      type: 'queueChanged',
      reason: change.excluded ? 'EXCLUDED' : 'INCLUDED',
      datasetId: changed.datasetId,
      imageIds: changed.imageIds,
    });
    await requestRetrainQuietly(
      ctx,
      changed.datasetId,
      change.excluded ? 'images excluded' : 'images brought back',
      change.authorId,
    );
  }
  return imageIds;
}

/** How many images of the dataset are excluded now. */
export async function countExcludedImages(ctx: AppContext, datasetId: string): Promise<number> {
  const [row] = await ctx.database.db
    .select({ count: sql<number>`count(*)::int` })
    .from(images)
    .where(sql`${images.datasetId} = ${datasetId} and ${images.excludedAt} is not null`);
  return row?.count ?? 0;
}
