import { MlError } from '../heads/ml-error';
import { topKHits } from './class-ranking';

function share(hits: readonly boolean[]): number {
  if (hits.length === 0) throw new MlError('NO_TEST_DATA', 'Accuracy of zero test images is undefined.');
  return hits.filter(Boolean).length / hits.length;
}

/** Share of images whose predicted class is the label. */
export function accuracy(predicted: ArrayLike<number>, labels: ArrayLike<number>): number {
  if (predicted.length !== labels.length) {
    throw new MlError('INVALID_METRIC_INPUT', `${predicted.length} predictions for ${labels.length} labels.`);
  }
  return share(Array.from({ length: labels.length }, (_, i) => predicted[i] === labels[i]));
}

/** Share of images whose label is among the k most probable classes (the paper's top-2 for k = 2). */
export function topKAccuracy(
  probabilities: Float32Array,
  labels: ArrayLike<number>,
  classCount: number,
  k: number,
): number {
  return share(topKHits(probabilities, labels, classCount, k));
}
