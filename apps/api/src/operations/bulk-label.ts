import { images, labels } from '@loupe/db';
import { inArray } from 'drizzle-orm';
import type { AppContext } from '../app-context';
import { publishChange } from '../events/publish-change';
import { datasetOfImages, distinctImageIds } from './image-batch';
import { assertLabelCategory, requestRetrainQuietly } from './save-label';

export const MAX_BULK_LABEL_IMAGES = 500;

/**
 * Gives every listed image the same annotator label (a null category clears it): one label event per image,
 * written by one statement (all or nothing), and one retrain request. The images must all exist and belong to one dataset.
 */
export async function bulkLabel(
  ctx: AppContext,
  options: { imageIds: readonly string[]; categoryId: string | null; authorId: string },
): Promise<string[]> {
  const imageIds = distinctImageIds(options.imageIds, MAX_BULK_LABEL_IMAGES, 'labelled');
  const { db } = ctx.database;
  const found = await db
    .select({ id: images.id, datasetId: images.datasetId })
    .from(images)
    .where(inArray(images.id, imageIds));
  const datasetId = datasetOfImages(found, imageIds.length);
  if (options.categoryId) await assertLabelCategory(db, options.categoryId, datasetId);
  await db.insert(labels).values(
    imageIds.map((imageId) => ({
      imageId,
      categoryId: options.categoryId,
      source: 'ANNOTATOR' as const,
      authorId: options.authorId,
    })),
  );
  await publishChange(ctx, { type: 'labelChanged', datasetId, imageIds });
  await requestRetrainQuietly(ctx, datasetId, 'labels changed', options.authorId);
  return imageIds;
}
