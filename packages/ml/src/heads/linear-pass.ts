import { addScaledFour, dotFour, softmaxInPlace } from './dense-math';
import type { FeatureMatrix } from './feature-matrix';
import { type Standardization, standardizeRow } from './standardization';

/** Images with labels and per-class weights, as the trainers of both head kinds read them. */
export type LabelledSet = {
  matrix: FeatureMatrix;
  labels: Int32Array;
  weightOfClass: Float32Array;
  standardization: Standardization;
};

/**
 * A class whose predicted probability is within this of its target (for all four images of a block) adds
 * nothing measurable to the gradient (less than the L2 term); skipping it saves most of the backward pass
 * once the images are fitted.
 */
const NEGLIGIBLE_RESIDUAL = 1e-4;

/** Images go through the head four at a time (see dotFour). */
export const BLOCK = 4;

/**
 * Buffers of one pass: `parameters` holds classCount × dimension weights then classCount biases; `x` a
 * block of four standardised images; `p` their logits, then probabilities, then residuals (image-major).
 */
export type Workspace = {
  parameters: Float32Array;
  gradients: Float32Array;
  x: Float32Array;
  p: Float64Array;
};

function loadBlock(
  set: LabelledSet,
  rows: Int32Array,
  from: number,
  to: number,
  x: Float32Array,
  weights: Float64Array,
) {
  const dimension = set.matrix.dimension;
  for (let s = 0; s < BLOCK; s++) {
    const out = x.subarray(s * dimension, (s + 1) * dimension);
    if (from + s >= to) {
      out.fill(0);
      weights[s] = 0;
      continue;
    }
    const i = rows[from + s] as number;
    standardizeRow(set.matrix.row(i), set.standardization, out);
    weights[s] = set.weightOfClass[set.labels[i] as number] as number;
  }
}

/** Softmax of each image's logits; returns Σ weight · cross-entropy and turns `p` into weighted residuals. */
function lossAndResiduals(
  set: LabelledSet,
  rows: Int32Array,
  from: number,
  to: number,
  p: Float64Array,
  weights: Float64Array,
) {
  const classCount = set.weightOfClass.length;
  let loss = 0;
  for (let s = 0; s < BLOCK && from + s < to; s++) {
    const label = set.labels[rows[from + s] as number] as number;
    const offset = s * classCount;
    const labelLogit = p[offset + label] as number;
    const weight = weights[s] as number;
    loss += weight * (softmaxInPlace(p, offset, classCount) - labelLogit);
    p[offset + label] = (p[offset + label] as number) - 1;
    for (let c = 0; c < classCount; c++) p[offset + c] = (p[offset + c] as number) * weight;
  }
  return loss;
}

function addGradients(work: Workspace, classCount: number, weights: Float64Array): void {
  const { gradients, x, p } = work;
  const dimension = x.length / BLOCK;
  const biasOffset = classCount * dimension;
  const limit = NEGLIGIBLE_RESIDUAL * Math.max(...weights);
  for (let c = 0; c < classCount; c++) {
    const g0 = p[c] as number;
    const g1 = p[classCount + c] as number;
    const g2 = p[2 * classCount + c] as number;
    const g3 = p[3 * classCount + c] as number;
    if (Math.abs(g0) < limit && Math.abs(g1) < limit && Math.abs(g2) < limit && Math.abs(g3) < limit)
      continue;
    addScaledFour(gradients, c * dimension, g0, g1, g2, g3, x, dimension);
    gradients[biasOffset + c] = (gradients[biasOffset + c] as number) + g0 + g1 + g2 + g3;
  }
}

/**
 * One pass over rows[from … to) of `set`: returns Σ weight · cross-entropy and Σ weight, and when
 * training adds the gradient of the weighted loss to `work.gradients`.
 */
export function linearPass(
  set: LabelledSet,
  rows: Int32Array,
  from: number,
  to: number,
  work: Workspace,
  isTraining: boolean,
) {
  const { parameters, x, p } = work;
  const classCount = set.weightOfClass.length;
  const dimension = x.length / BLOCK;
  const biasOffset = classCount * dimension;
  const weights = new Float64Array(BLOCK);
  let loss = 0;
  let weight = 0;
  for (let start = from; start < to; start += BLOCK) {
    loadBlock(set, rows, start, to, x, weights);
    for (let c = 0; c < classCount; c++) {
      dotFour(parameters, c * dimension, x, dimension, p, c, classCount);
      for (let s = 0; s < BLOCK; s++)
        p[s * classCount + c] = (p[s * classCount + c] as number) + (parameters[biasOffset + c] as number);
    }
    loss += lossAndResiduals(set, rows, start, to, p, weights);
    weight += weights.reduce((sum, w) => sum + w, 0);
    if (isTraining) addGradients(work, classCount, weights);
  }
  return { loss, weight };
}
