import { MlError } from '../heads/ml-error';

/** Rows of an n × classCount probability matrix; throws when the sizes do not fit the labels. */
export function rowCountOf(
  probabilities: Float32Array,
  labels: ArrayLike<number>,
  classCount: number,
): number {
  if (classCount <= 0 || probabilities.length !== labels.length * classCount) {
    throw new MlError(
      'INVALID_METRIC_INPUT',
      `${probabilities.length} probabilities do not make ${labels.length} rows of ${classCount} classes.`,
    );
  }
  return labels.length;
}

/** The class with the highest probability in every row (the lowest index wins a tie). */
export function predictedClasses(probabilities: Float32Array, classCount: number): Int32Array {
  const rowCount = probabilities.length / classCount;
  const predicted = new Int32Array(rowCount);
  for (let i = 0; i < rowCount; i++) {
    let best = 0;
    for (let c = 1; c < classCount; c++) {
      if ((probabilities[i * classCount + c] as number) > (probabilities[i * classCount + best] as number))
        best = c;
    }
    predicted[i] = best;
  }
  return predicted;
}

/**
 * Whether the label is among the k most probable classes of each row. A class ranks above the label only
 * with a strictly higher probability (ties go to the label). A label outside 0…classCount−1 (a category
 * the model never saw) is never a hit.
 */
export function topKHits(
  probabilities: Float32Array,
  labels: ArrayLike<number>,
  classCount: number,
  k: number,
): boolean[] {
  const rowCount = rowCountOf(probabilities, labels, classCount);
  return Array.from({ length: rowCount }, (_, i) => {
    const label = labels[i] as number;
    if (label < 0 || label >= classCount) return false;
    const labelProbability = probabilities[i * classCount + label] as number;
    let above = 0;
    for (let c = 0; c < classCount; c++) {
      if ((probabilities[i * classCount + c] as number) > labelProbability) above += 1;
    }
    return above < k;
  });
}
