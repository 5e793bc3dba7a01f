import { BlobNotFoundError, images, studies } from '@loupe/db';
import { type Crop, isPreprocessError, suggestCropBox } from '@loupe/ml';
import { asc, eq } from 'drizzle-orm';
import type { AppContext } from '../app-context';
import { AppError, notFound } from '../errors';

/** How many of a study's images its suggestion looks at (each is decoded whole). */
export const STUDY_SUGGESTION_SAMPLE = 5;

export type CropBoxSuggestion = {
  x: number;
  y: number;
  width: number;
  height: number;
  isWholeImage: boolean;
  imageCount: number;
};

type ImageRow = { id: string; sha256: string; width: number; height: number };

async function suggestFor(ctx: AppContext, image: ImageRow): Promise<Crop | null> {
  let bytes: Buffer;
  try {
    bytes = await ctx.blobs.getNow(image.sha256);
  } catch (error) {
    if (error instanceof BlobNotFoundError) throw new AppError('NOT_FOUND', 'The image’s bytes are missing.');
    throw error;
  }
  try {
    return await suggestCropBox(bytes);
  } catch (error) {
    if (isPreprocessError(error))
      throw new AppError('CONFLICT', 'The stored image cannot be decoded, so no crop box can be suggested.');
    throw error;
  }
}

const suggestion = (box: Crop, size: { width: number; height: number }, imageCount: number) => ({
  ...box,
  isWholeImage: box.x === 0 && box.y === 0 && box.width === size.width && box.height === size.height,
  imageCount,
});

/**
 * A crop box for one image: the box of the scan, without the scanner's text and marks around it. Nothing is
 * saved. Null when no scan stands out from a black background.
 */
export async function suggestImageCropBox(
  ctx: AppContext,
  imageId: string,
): Promise<CropBoxSuggestion | null> {
  const [image] = await ctx.database.db
    .select({ id: images.id, sha256: images.sha256, width: images.width, height: images.height })
    .from(images)
    .where(eq(images.id, imageId));
  if (!image) throw notFound('The image');
  const box = await suggestFor(ctx, image);
  return box ? suggestion(box, image, 1) : null;
}

/** The median of each number (the lower one of an even count). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[(sorted.length - 1) >> 1]!;
}

/**
 * A default crop box for a study, whose images share the scanner's layout: the boxes suggested for up to
 * five of its images of its most common size, spread over the study, combined edge by edge with the median
 * (one image with a dark far field or a bright marker does not move it). Null when fewer than half of them
 * have a box.
 */
export async function suggestStudyCropBox(
  ctx: AppContext,
  studyId: string,
): Promise<CropBoxSuggestion | null> {
  const { db } = ctx.database;
  const [study] = await db.select({ id: studies.id }).from(studies).where(eq(studies.id, studyId));
  if (!study) throw notFound('The study');
  const rows = await db
    .select({ id: images.id, sha256: images.sha256, width: images.width, height: images.height })
    .from(images)
    .where(eq(images.studyId, studyId))
    .orderBy(asc(images.sourceFileName), asc(images.id));
  const bySize = new Map<string, ImageRow[]>();
  for (const row of rows) {
    const key = `${row.width}×${row.height}`;
    bySize.set(key, [...(bySize.get(key) ?? []), row]);
  }
  const common = [...bySize.values()].sort((a, b) => b.length - a.length)[0];
  if (!common) return null;
  const count = Math.min(STUDY_SUGGESTION_SAMPLE, common.length);
  const sample = Array.from(
    { length: count },
    (_, index) => common[Math.floor((index * common.length) / count)]!,
  );
  const boxes: Crop[] = [];
  for (const image of sample) {
    const box = await suggestFor(ctx, image);
    if (box) boxes.push(box);
  }
  if (boxes.length === 0 || boxes.length * 2 < sample.length) return null;
  const left = median(boxes.map((box) => box.x));
  const top = median(boxes.map((box) => box.y));
  const right = median(boxes.map((box) => box.x + box.width));
  const bottom = median(boxes.map((box) => box.y + box.height));
  if (right <= left || bottom <= top) return null;
  const size = { width: sample[0]!.width, height: sample[0]!.height };
  return suggestion({ x: left, y: top, width: right - left, height: bottom - top }, size, boxes.length);
}
