import * as tf from '@tensorflow/tfjs-core';
import type { LabelledSet } from './linear-pass';
import { standardizeRow } from './standardization';

/** A dense layer as tensors: kernel out × in, bias out. */
export type LayerTensors = { kernel: tf.Tensor; bias: tf.Tensor };

/** Standardised features of `rows` (all rows when omitted) as one rowCount × dimension tensor. */
export function standardizedTensor(set: Pick<LabelledSet, 'matrix' | 'standardization'>): tf.Tensor2D {
  const { rowCount, dimension } = set.matrix;
  const values = new Float32Array(rowCount * dimension);
  for (let i = 0; i < rowCount; i++) {
    standardizeRow(
      set.matrix.row(i),
      set.standardization,
      values.subarray(i * dimension, (i + 1) * dimension),
    );
  }
  return tf.tensor2d(values, [rowCount, dimension]);
}

/** Logits of an MLP: ReLU after each hidden layer, dropout there while training. Kernels are out × in. */
export function mlpLogits(
  x: tf.Tensor2D,
  layers: readonly LayerTensors[],
  dropout?: { rate: number; seed: string },
): tf.Tensor2D {
  let h: tf.Tensor2D = x;
  layers.forEach(({ kernel, bias }, index) => {
    h = tf.add(tf.matMul(h, kernel as tf.Tensor2D, false, true), bias) as tf.Tensor2D;
    if (index === layers.length - 1) return;
    h = tf.relu(h);
    if (dropout && dropout.rate > 0)
      h = tf.dropout(h, dropout.rate, undefined, `${dropout.seed}:${index}`) as tf.Tensor2D;
  });
  return h;
}

/** Σ weight · cross-entropy over the rows (a scalar tensor). */
export function weightedCrossEntropySum(
  logits: tf.Tensor2D,
  labels: tf.Tensor1D,
  weights: tf.Tensor1D,
  classCount: number,
) {
  const oneHot = tf.oneHot(labels, classCount);
  const crossEntropy = tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1));
  return tf.sum(tf.mul(crossEntropy, weights));
}
