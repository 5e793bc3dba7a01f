import { images, labels } from '@loupe/db';
import { inArray } from 'drizzle-orm';
import type { AppContext } from '../app-context';
import { badInput, notFound } from '../errors';
import { publishChange } from '../events/publish-change';
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
  const imageIds = [...new Set(options.imageIds)];
  if (imageIds.length === 0) throw badInput('List at least one image.');
  if (imageIds.length > MAX_BULK_LABEL_IMAGES)
    throw badInput(`At most ${MAX_BULK_LABEL_IMAGES} images can be labelled at once.`);
  const { db } = ctx.database;
  const found = await db
    .select({ id: images.id, datasetId: images.datasetId })
    .from(images)
    .where(inArray(images.id, imageIds));
  if (found.length < imageIds.length)
    throw notFound(`${imageIds.length - found.length} of the ${imageIds.length} images`);
  const datasetIds = new Set(found.map((image) => image.datasetId));
  if (datasetIds.size > 1) throw badInput('The images belong to more than one dataset.');
  const [datasetId] = datasetIds;
  if (options.categoryId) await assertLabelCategory(db, options.categoryId, datasetId!);
  await db.insert(labels).values(
    imageIds.map((imageId) => ({
      imageId,
      categoryId: options.categoryId,
      source: 'ANNOTATOR' as const,
      authorId: options.authorId,
    })),
  );
  await publishChange(ctx, { type: 'labelChanged', datasetId: datasetId!, imageIds });
  await requestRetrainQuietly(ctx, datasetId!, 'labels changed', options.authorId);
  return imageIds;
}
