import * as tf from '@tensorflow/tfjs-core';
import type { Backbone } from '../backbone/types';

/**
 * Runs `count` preprocessed images (concatenated NHWC floats) through the backbone and returns the
 * concatenated embeddings as a fresh array (safe to transfer between threads).
 */
export function runBatch(backbone: Backbone, pixels: Float32Array, count: number): Float32Array {
  const { inputSize, dimensions } = backbone;
  if (pixels.length !== count * inputSize * inputSize * 3) {
    throw new Error(`expected ${count} images of ${inputSize}×${inputSize}×3, got ${pixels.length} values`);
  }
  const output = tf.tidy(() => backbone.predict(tf.tensor4d(pixels, [count, inputSize, inputSize, 3])));
  try {
    return new Float32Array(output.dataSync()).slice(0, count * dimensions);
  } finally {
    output.dispose();
  }
}
