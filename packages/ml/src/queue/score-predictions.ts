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
  distance?: SketchOptions &
    NearestOptions & {
      /**
       * Score distances and keep sketches only for this many unlabelled images, those with the smallest
       * margins (the only ones a diversity strategy's pool draws from), plus the labelled references. Without
       * it every image is sketched and every unlabelled image gets a distance.
       */
      candidates?: number;
    };
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

/** All images, or the `limit` unlabelled images with the smallest margins. */
function candidateMask(
  uncertainties: readonly { margin: number }[],
  isLabelled: (index: number) => boolean,
  limit: number | undefined,
): (index: number) => boolean {
  if (limit === undefined) return () => true;
  const unlabelled = uncertainties.flatMap((_, i) => (isLabelled(i) ? [] : [i]));
  if (unlabelled.length <= limit) return () => true;
  unlabelled.sort(
    (a, b) =>
      (uncertainties[a] as { margin: number }).margin - (uncertainties[b] as { margin: number }).margin ||
      a - b,
  );
  const chosen = new Uint8Array(uncertainties.length);
  for (const index of unlabelled.slice(0, limit)) chosen[index] = 1;
  return (index) => chosen[index] === 1;
}

/** Uncertainty, label-disagreement and distance scores of every image, computed once per model version. */
export function scorePredictions(input: ScoreInput): ImageScore[] {
  const { probabilities, classCount, embeddings, labelledMask, currentLabels } = input;
  const n = labelledMask.length;
  assertShapes(input, n);
  const isLabelled = (i: number) => Boolean(labelledMask[i]);
  const uncertainties = Array.from({ length: n }, (_, index) =>
    uncertainty(probabilities, index * classCount, classCount),
  );
  const isCandidate = candidateMask(uncertainties, isLabelled, input.distance?.candidates);
  const sketchOf = (index: number) => isLabelled(index) || isCandidate(index);
  let sketches: (Float32Array | null)[] | null = null;
  if (embeddings && n > 0) {
    const wanted = embeddings.flatMap((_, i) => (sketchOf(i) ? [i] : []));
    const made = sketchEmbeddings(
      wanted.map((i) => embeddings[i] as Float32Array),
      input.distance,
    );
    sketches = new Array<Float32Array | null>(n).fill(null);
    wanted.forEach((i, k) => {
      (sketches as (Float32Array | null)[])[i] = made[k] as Float32Array;
    });
  }
  const keepsSketch = (index: number) => input.distance?.candidates === undefined || !isLabelled(index);
  const distances = sketches
    ? nearestLabelledDistances(sketches, isLabelled, { ...input.distance, queryMask: isCandidate })
    : null;
  return Array.from({ length: n }, (_, index) => {
    const label = isLabelled(index) ? (currentLabels[index] as number) : null;
    const isKnownLabel = label !== null && label >= 0 && label < classCount;
    const labelProbability = isKnownLabel ? (probabilities[index * classCount + label] as number) : null;
    return {
      index,
      ...(uncertainties[index] as ReturnType<typeof uncertainty>),
      isLabelled: label !== null,
      currentLabel: label,
      labelProbability,
      labelDisagreement: labelProbability === null ? null : 1 - labelProbability,
      labelledDistance: distances?.[index] ?? null,
      // With a candidate limit, labelled images serve only as references: their sketches are not kept.
      sketch: keepsSketch(index) ? (sketches?.[index] ?? null) : null,
    };
  });
}
