import { badInput, notFound } from '../errors';

/**
 * The distinct ids of a request that acts on many images at once, in the order given. BAD_INPUT for none, or for
 * more than `max` ("At most 500 images can be `done` at once.").
 */
export function distinctImageIds(imageIds: readonly string[], max: number, done: string): string[] {
  const distinct = [...new Set(imageIds)];
  if (distinct.length === 0) throw badInput('List at least one image.');
  if (distinct.length > max) throw badInput(`At most ${max} images can be ${done} at once.`);
  return distinct;
}

/**
 * The one dataset of the images found for `requested` distinct ids: NOT_FOUND when some were not found,
 * BAD_INPUT when they belong to more than one dataset.
 */
export function datasetOfImages(found: readonly { datasetId: string }[], requested: number): string {
  if (found.length < requested) throw notFound(`${requested - found.length} of the ${requested} images`);
  const datasetIds = new Set(found.map((image) => image.datasetId));
  if (datasetIds.size > 1) throw badInput('The images belong to more than one dataset.');
  return found[0]!.datasetId;
}
