import * as tf from '@tensorflow/tfjs-core';
import type { Backbone } from '../backbone/types';
import { scalingFactors } from '../preprocess/scale-pixels';

/** `count` grey images (concatenated, `inputSize²` bytes each) → the backbone's scaled RGB input. */
export function greyBatchToInput(
  grey: Uint8Array,
  count: number,
  backbone: Pick<Backbone, 'inputSize' | 'scaling'>,
): tf.Tensor4D {
  const { inputSize, scaling } = backbone;
  if (grey.length !== count * inputSize * inputSize) {
    throw new Error(`expected ${count} grey images of ${inputSize}×${inputSize}, got ${grey.length} bytes`);
  }
  const { factor, shift } = scalingFactors(scaling);
  return tf.tidy(() => {
    const values = tf.tensor4d(Float32Array.from(grey), [count, inputSize, inputSize, 1]);
    return tf.tile(tf.add(tf.mul(values, factor), shift), [1, 1, 1, 3]) as tf.Tensor4D;
  });
}

/**
 * Runs `count` preprocessed grey images through the backbone and returns the concatenated embeddings as a
 * fresh array (safe to transfer between threads). Grey bytes travel between threads 12 times smaller than
 * scaled RGB floats; the scaling and the three channels are made here, in the backend.
 */
export function runBatch(backbone: Backbone, grey: Uint8Array, count: number): Float32Array {
  const output = tf.tidy(() => backbone.predict(greyBatchToInput(grey, count, backbone)));
  try {
    return new Float32Array(output.dataSync()).slice(0, count * backbone.dimensions);
  } finally {
    output.dispose();
  }
}
