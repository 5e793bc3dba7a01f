import { cropBoxes, images, studies } from '@loupe/db';
import { eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../app-context';
import { AppError, badInput, notFound } from '../errors';
import { datasetOfImages, distinctImageIds } from './image-batch';
import { requestRetrainQuietly } from './save-label';

/** The most images one setCropBoxes call changes. */
export const MAX_CROP_BOXES_PER_CALL = 500;

export type CropInput = { x: number; y: number; width: number; height: number };

function checkCrop(box: CropInput, width: number, height: number, what: string): void {
  const values = [box.x, box.y, box.width, box.height];
  if (!values.every(Number.isInteger)) throw new AppError('BAD_INPUT', 'A crop box is whole pixels.');
  if (
    box.x < 0 ||
    box.y < 0 ||
    box.width < 1 ||
    box.height < 1 ||
    box.x + box.width > width ||
    box.y + box.height > height
  ) {
    throw new AppError(
      'BAD_INPUT',
      `The crop box ${box.x},${box.y},${box.width},${box.height} does not fit inside ${what} (${width} × ${height}).`,
    );
  }
}

/**
 * Sets (or with null clears) an image's own crop box. Its embedding is recomputed under the new box by the
 * retrain this enqueues; the old embedding stays cached for the old box.
 */
export async function setImageCropBox(
  ctx: AppContext,
  options: { imageId: string; box: CropInput | null; authorId: string },
) {
  const { db } = ctx.database;
  const [image] = await db.select().from(images).where(eq(images.id, options.imageId));
  if (!image) throw notFound('The image');
  if (options.box) {
    checkCrop(options.box, image.width, image.height, 'the image');
    await db
      .insert(cropBoxes)
      .values({ imageId: image.id, ...options.box, authorId: options.authorId })
      .onConflictDoUpdate({
        target: cropBoxes.imageId,
        set: { ...options.box, authorId: options.authorId, updatedAt: new Date() },
      });
  } else {
    await db.delete(cropBoxes).where(eq(cropBoxes.imageId, image.id));
  }
  await requestRetrainQuietly(ctx, image.datasetId, 'crop box changed', options.authorId);
  return image;
}

/** Sets (or clears) a study's default crop box, which every image of the study without its own box uses. */
export async function setStudyCropBox(
  ctx: AppContext,
  options: { studyId: string; box: CropInput | null; authorId: string | undefined },
) {
  const { db } = ctx.database;
  const [study] = await db.select().from(studies).where(eq(studies.id, options.studyId));
  if (!study) throw notFound('The study');
  if (options.box) {
    const [smallest] = await db
      .select({
        width: sql<number>`min(${images.width})::int`,
        height: sql<number>`min(${images.height})::int`,
      })
      .from(images)
      .where(eq(images.studyId, study.id));
    if (smallest?.width)
      checkCrop(options.box, smallest.width, smallest.height, 'every image of the study (its smallest is)');
    await db
      .insert(cropBoxes)
      .values({ studyId: study.id, ...options.box, authorId: options.authorId ?? null })
      .onConflictDoUpdate({
        target: cropBoxes.studyId,
        set: { ...options.box, authorId: options.authorId ?? null, updatedAt: new Date() },
      });
  } else {
    await db.delete(cropBoxes).where(eq(cropBoxes.studyId, study.id));
  }
  await requestRetrainQuietly(ctx, study.datasetId, 'study crop box changed', options.authorId);
  return study;
}

/**
 * Sets (or with null clears) the own crop boxes of up to {@link MAX_CROP_BOXES_PER_CALL} images of one dataset
 * in one transaction: all of them or, when one is refused (an unknown image, an image listed twice, a box that
 * does not fit its image, images of two datasets), none. Asks for one retrain, which re-embeds the images under
 * their new boxes. Returns the images in the order given.
 */
export async function setImageCropBoxes(
  ctx: AppContext,
  options: { boxes: readonly { imageId: string; box: CropInput | null }[]; authorId: string },
) {
  const imageIds = distinctImageIds(
    options.boxes.map((entry) => entry.imageId),
    MAX_CROP_BOXES_PER_CALL,
    'given crop boxes',
  );
  if (imageIds.length < options.boxes.length) throw badInput('An image is listed more than once.');
  const { db } = ctx.database;
  const found = await db.select().from(images).where(inArray(images.id, imageIds));
  const datasetId = datasetOfImages(found, imageIds.length);
  const byId = new Map(found.map((image) => [image.id, image]));
  for (const { imageId, box } of options.boxes) {
    const image = byId.get(imageId)!;
    if (box) checkCrop(box, image.width, image.height, `image ${image.sourceFileName}`);
  }
  const setting = options.boxes.flatMap(({ imageId, box }) => (box ? [{ imageId, ...box }] : []));
  const clearing = options.boxes.flatMap(({ imageId, box }) => (box ? [] : [imageId]));
  await db.transaction(async (tx) => {
    if (setting.length > 0)
      await tx
        .insert(cropBoxes)
        .values(setting.map((entry) => ({ ...entry, authorId: options.authorId })))
        .onConflictDoUpdate({
          target: cropBoxes.imageId,
          set: {
            x: sql`excluded.x`,
            y: sql`excluded.y`,
            width: sql`excluded.width`,
            height: sql`excluded.height`,
            authorId: options.authorId,
            updatedAt: new Date(),
          },
        });
    if (clearing.length > 0) await tx.delete(cropBoxes).where(inArray(cropBoxes.imageId, clearing));
  });
  await requestRetrainQuietly(ctx, datasetId, 'crop boxes changed', options.authorId);
  return options.boxes.map(({ imageId }) => byId.get(imageId)!);
}
