import type { SplitName, SplitOptions } from '../split';
import { assignSplit, resolveSplitOptions } from '../split';
import type { DatasetImage } from './load-dataset-images';

export type TrainingSets = {
  /**
   * Output order of the head: the categories seen in training, by name (then id), so that it does not hang on
   * ids drawn at random.
   */
  categoryIds: string[];
  train: { rows: Float32Array[]; labels: Int32Array; labelIds: string[] };
  validation: { rows: Float32Array[]; labels: Int32Array };
  /** Labelled test images; a category the head never saw is class -1 (always counted wrong). */
  test: { rows: Float32Array[]; labels: Int32Array; clusters: string[]; imageIds: string[] };
  splitOf: Map<string, SplitName>;
};

/**
 * Splits labelled images by study (never by image) and turns them into class-indexed feature sets. The rows
 * keep the order of `images`: give them in an order of their content (`loadDatasetImages` reads them by
 * hash), so that the same images and labels make the same sets, and train the same head, on any installation.
 */
export function buildTrainingSets(
  images: readonly DatasetImage[],
  vectors: ReadonlyMap<string, Float32Array>,
  splitOptions: SplitOptions,
): TrainingSets {
  const options = resolveSplitOptions(splitOptions);
  const splitOf = new Map<string, SplitName>();
  const labelled: { image: DatasetImage; vector: Float32Array; split: SplitName }[] = [];
  // A study's images share its side: one hash per study, not per image.
  const splitOfStudy = new Map<string, SplitName>();
  for (const image of images) {
    let split = splitOfStudy.get(image.studyKey);
    if (split === undefined) {
      split = assignSplit(image.studyKey, options);
      splitOfStudy.set(image.studyKey, split);
    }
    splitOf.set(image.imageId, split);
    const vector = vectors.get(image.imageId);
    if (image.categoryId && vector) labelled.push({ image, vector, split });
  }
  const categoryIds = labelledCategories(
    labelled.filter((row) => row.split === 'TRAIN').map((row) => row.image),
  ).map((category) => category.id);
  const classOf = new Map(categoryIds.map((id, index) => [id, index]));
  const pick = (split: SplitName, isKnownOnly: boolean) =>
    labelled.filter((row) => row.split === split && (!isKnownOnly || classOf.has(row.image.categoryId!)));
  const train = pick('TRAIN', true);
  const validation = pick('VALIDATION', true);
  const test = pick('TEST', false);
  return {
    categoryIds,
    train: {
      rows: train.map((row) => row.vector),
      labels: Int32Array.from(train, (row) => classOf.get(row.image.categoryId!)!),
      labelIds: train.map((row) => row.image.labelId!),
    },
    validation: {
      rows: validation.map((row) => row.vector),
      labels: Int32Array.from(validation, (row) => classOf.get(row.image.categoryId!)!),
    },
    test: {
      rows: test.map((row) => row.vector),
      labels: Int32Array.from(test, (row) => classOf.get(row.image.categoryId!) ?? -1),
      clusters: test.map((row) => row.image.studyKey),
      imageIds: test.map((row) => row.image.imageId),
    },
    splitOf,
  };
}

/**
 * The categories of labelled images, each once, in the order of their names (then ids): how a head orders its
 * outputs, so that the order does not hang on ids drawn at random. Code-unit order, the same in every locale
 * (unlike `localeCompare`).
 */
export function labelledCategories(
  images: Iterable<Pick<DatasetImage, 'categoryId' | 'categoryName'>>,
): { id: string; name: string }[] {
  const nameOf = new Map<string, string>();
  for (const image of images) if (image.categoryId) nameOf.set(image.categoryId, image.categoryName ?? '');
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...nameOf]
    .sort(([idA, nameA], [idB, nameB]) => compare(nameA, nameB) || compare(idA, idB))
    .map(([id, name]) => ({ id, name }));
}
