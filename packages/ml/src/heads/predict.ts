import * as tf from '@tensorflow/tfjs-core';
import { dot, softmaxInPlace } from './dense-math';
import { type FeatureMatrix, featuresOfDimension } from './feature-matrix';
import { mlpLogits } from './mlp-forward';
import { standardizeRow } from './standardization';
import type { DenseLayer, FeatureInput, SerializedHead } from './types';

const MLP_CHUNK_ROWS = 2_048;

function predictLinear(head: SerializedHead, matrix: FeatureMatrix, out: Float32Array): void {
  const { kernel, bias } = head.layers[0] as DenseLayer;
  const { inputDimension: dimension, classCount } = head;
  const standardization = { mean: head.featureMean, scale: head.featureScale };
  const x = new Float32Array(dimension);
  for (let i = 0; i < matrix.rowCount; i++) {
    standardizeRow(matrix.row(i), standardization, x);
    const offset = i * classCount;
    for (let c = 0; c < classCount; c++) {
      out[offset + c] = dot(kernel, c * dimension, x, 0, dimension) + (bias[c] as number);
    }
    softmaxInPlace(out, offset, classCount);
  }
}

function predictMlp(head: SerializedHead, matrix: FeatureMatrix, out: Float32Array): void {
  const { inputDimension: dimension, classCount } = head;
  const standardization = { mean: head.featureMean, scale: head.featureScale };
  const layers = head.layers.map((layer) => ({
    kernel: tf.tensor2d(layer.kernel, [layer.outputSize, layer.inputSize]),
    bias: tf.tensor1d(layer.bias),
  }));
  try {
    for (let from = 0; from < matrix.rowCount; from += MLP_CHUNK_ROWS) {
      const rows = Math.min(MLP_CHUNK_ROWS, matrix.rowCount - from);
      const chunk = new Float32Array(rows * dimension);
      for (let r = 0; r < rows; r++) {
        standardizeRow(
          matrix.row(from + r),
          standardization,
          chunk.subarray(r * dimension, (r + 1) * dimension),
        );
      }
      const probabilities = tf.tidy(() =>
        tf.softmax(mlpLogits(tf.tensor2d(chunk, [rows, dimension]), layers)),
      );
      out.set(probabilities.dataSync(), from * classCount);
      probabilities.dispose();
    }
  } finally {
    for (const layer of layers) tf.dispose([layer.kernel, layer.bias]);
  }
}

/**
 * Class probabilities of every image: an n × classCount row-major Float32Array. The linear head runs in
 * plain JavaScript; the MLP head runs on the TensorFlow.js backend the process chose.
 */
export function predictProbabilities(head: SerializedHead, features: FeatureInput): Float32Array {
  const matrix = featuresOfDimension(features, head.inputDimension, 'features to predict');
  const out = new Float32Array(matrix.rowCount * head.classCount);
  if (head.kind === 'linear') predictLinear(head, matrix, out);
  else predictMlp(head, matrix, out);
  return out;
}
