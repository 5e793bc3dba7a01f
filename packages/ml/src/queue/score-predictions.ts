import { MlError } from '../heads/ml-error';
import { type SketchOptions, sketchEmbeddings } from './embedding-sketch';
import { type NearestOptions, nearestLabelledDistances } from './nearest-labelled';
import type { ImageScore } from './types';

export type ScoreInput = {
  /** n × classCount row-major class probabilities from the newest model version. */
  probabilities: Float32Array;
  classCount: number;
  /** The images' embeddings, for distances and diversity; optional. */
  embeddings?: readonly Float32Array[];
  /** Whether each image has a current label. */
  labelledMask: ArrayLike<boolean | number>;
  /** Current class index of each image; ignored where unlabelled (use −1 there). */
  currentLabels: ArrayLike<number>;
  distance?: SketchOptions & NearestOptions;
};

function uncertainty(probabilities: Float32Array, offset: number, classCount: number) {
  let top1 = 0;
  let top2 = classCount > 1 ? 1 : 0;
  if ((probabilities[offset + top2] as number) > (probabilities[offset] as number))
    [top1, top2] = [top2, top1];
  let entropy = 0;
  for (let c = 0; c < classCount; c++) {
    const p = probabilities[offset + c] as number;
    if (p > 0) entropy -= p * Math.log(p);
    if (c < 2) continue;
    if (p > (probabilities[offset + top1] as number)) [top1, top2] = [c, top1];
    else if (p > (probabilities[offset + top2] as number)) top2 = c;
  }
  const p1 = probabilities[offset + top1] as number;
  const p2 = classCount > 1 ? (probabilities[offset + top2] as number) : 0;
  return { top1, p1, top2, p2, margin: p1 - p2, entropy: Math.max(0, entropy), leastConfidence: 1 - p1 };
}

function assertShapes(input: ScoreInput, n: number): void {
  const { probabilities, classCount, embeddings, labelledMask, currentLabels } = input;
  const lengths = [labelledMask.length, currentLabels.length, embeddings?.length ?? n];
  if (classCount < 1 || probabilities.length !== n * classCount || lengths.some((length) => length !== n)) {
    throw new MlError(
      'DIMENSION_MISMATCH',
      `Scores need ${n} rows of ${classCount} probabilities, labels and embeddings.`,
    );
  }
}

/** Uncertainty, label-disagreement and distance scores of every image, computed once per model version. */
export function scorePredictions(input: ScoreInput): ImageScore[] {
  const { probabilities, classCount, embeddings, labelledMask, currentLabels } = input;
  const n = labelledMask.length;
  assertShapes(input, n);
  const isLabelled = (i: number) => Boolean(labelledMask[i]);
  const sketches = embeddings && n > 0 ? sketchEmbeddings(embeddings, input.distance) : null;
  const distances = sketches ? nearestLabelledDistances(sketches, isLabelled, input.distance) : null;
  return Array.from({ length: n }, (_, index) => {
    const label = isLabelled(index) ? (currentLabels[index] as number) : null;
    const isKnownLabel = label !== null && label >= 0 && label < classCount;
    const labelProbability = isKnownLabel ? (probabilities[index * classCount + label] as number) : null;
    return {
      index,
      ...uncertainty(probabilities, index * classCount, classCount),
      isLabelled: label !== null,
      currentLabel: label,
      labelProbability,
      labelDisagreement: labelProbability === null ? null : 1 - labelProbability,
      labelledDistance: distances?.[index] ?? null,
      sketch: sketches?.[index] ?? null,
    };
  });
}
