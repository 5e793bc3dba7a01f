import { MlError } from '../heads/ml-error';

/**
 * confusion[trueClass][predictedClass] = number of images. Images whose label is outside
 * 0…classCount−1 (a category the model never saw) are left out; count them separately.
 */
export function confusionMatrix(
  predicted: ArrayLike<number>,
  labels: ArrayLike<number>,
  classCount: number,
): number[][] {
  if (predicted.length !== labels.length) {
    throw new MlError('INVALID_METRIC_INPUT', `${predicted.length} predictions for ${labels.length} labels.`);
  }
  const matrix = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const row = matrix[labels[i] as number];
    const column = predicted[i] as number;
    if (row !== undefined && column >= 0 && column < classCount) row[column] = (row[column] as number) + 1;
  }
  return matrix;
}

/** Precision, recall and F1 of one class; null where the denominator is zero (never NaN). */
export type ClassMetrics = {
  classIndex: number;
  support: number;
  predictedCount: number;
  truePositives: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
};

export function perClassPrecisionRecallF1(confusion: readonly (readonly number[])[]): ClassMetrics[] {
  return confusion.map((row, classIndex) => {
    const truePositives = row[classIndex] ?? 0;
    const support = row.reduce((sum, count) => sum + count, 0);
    const predictedCount = confusion.reduce((sum, other) => sum + (other[classIndex] ?? 0), 0);
    const precision = predictedCount > 0 ? truePositives / predictedCount : null;
    const recall = support > 0 ? truePositives / support : null;
    const denominator = support + predictedCount;
    const f1 = denominator > 0 ? (2 * truePositives) / denominator : null;
    return { classIndex, support, predictedCount, truePositives, precision, recall, f1 };
  });
}

/**
 * Unweighted mean F1 over the classes that occur among the labels or the predictions (as scikit-learn's
 * f1_score(average='macro') does); null when there are none.
 */
export function macroF1(perClass: readonly ClassMetrics[]): number | null {
  const scores = perClass.flatMap((metrics) => (metrics.f1 === null ? [] : [metrics.f1]));
  return scores.length > 0 ? scores.reduce((sum, f1) => sum + f1, 0) / scores.length : null;
}
