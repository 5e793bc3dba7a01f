import { MlError } from './ml-error';

/** Images per class; throws the typed error that explains why these labels cannot train a head. */
export function countClasses(
  labels: Int32Array,
  classCount: number,
  emptyCategories: 'error' | 'exclude',
  categoryIds: readonly string[],
): Int32Array {
  if (labels.length === 0) throw new MlError('NO_TRAINING_DATA', 'There are no labelled training images.');
  const counts = new Int32Array(classCount);
  labels.forEach((label, index) => {
    if (!Number.isInteger(label) || label < 0 || label >= classCount) {
      throw new MlError(
        'LABEL_OUT_OF_RANGE',
        `Label ${label} of image ${index} is not in 0…${classCount - 1}.`,
        {
          index,
          label,
        },
      );
    }
    counts[label] = (counts[label] as number) + 1;
  });
  const presentCount = counts.filter((count) => count > 0).length;
  if (presentCount < 2) {
    throw new MlError('ONE_CLASS_ONLY', 'Training needs labelled images of at least two categories.', {
      classCount: presentCount,
    });
  }
  const empty = [...counts.keys()].filter((c) => counts[c] === 0).map((c) => categoryIds[c] ?? String(c));
  if (empty.length > 0 && emptyCategories === 'error') {
    throw new MlError('EMPTY_CATEGORY', `No training image for categories ${empty.join(', ')}.`, {
      categoryIds: empty,
    });
  }
  return counts;
}

/**
 * Weight of one image of each class: n / (present classes · n_c) when balanced, so the weights of all
 * training images add up to n either way; 0 for a class without images.
 */
export function classWeights(counts: Int32Array, isBalanced: boolean): Float32Array {
  const total = counts.reduce((sum, count) => sum + count, 0);
  const present = counts.filter((count) => count > 0).length;
  return Float32Array.from(counts, (count) => {
    if (count === 0) return 0;
    return isBalanced ? total / (present * count) : 1;
  });
}
