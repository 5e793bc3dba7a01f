import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { foldBatchNorm } from './fold-batch-norm';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('foldBatchNorm', () => {
  it('folds a 1×1 convolution with known numbers', () => {
    // kernel [1,1,1,2] = [2, -1]; BN: gamma [1, 2], beta [0.5, 0], mean [1, 0], variance [3, 0.25], ε 1
    // scale = gamma / √(var + ε) = [0.5, 2.8284]; folded kernel = [1, -2.8284]; bias = -mean·scale + beta = [0, 0]
    const kernel = tf.tensor4d([2, -1], [1, 1, 1, 2]);
    const norm = {
      gamma: tf.tensor1d([1, 2]),
      beta: tf.tensor1d([0.5, 0]),
      movingMean: tf.tensor1d([1, 0]),
      movingVariance: tf.tensor1d([3, 0.25]),
      epsilon: 1,
    };
    const { filter, bias } = foldBatchNorm(kernel, undefined, norm, false);
    const s = 2 / Math.sqrt(1.25);
    expect(Array.from(filter.dataSync())).toEqual([expect.closeTo(1, 6), expect.closeTo(-s, 5)]);
    expect(Array.from(bias.dataSync())).toEqual([expect.closeTo(0, 6), expect.closeTo(0, 6)]);
  });

  it('matches conv → batchnorm for regular and depthwise kernels, with and without conv bias', () => {
    const x = tf.randomUniform([2, 5, 5, 3], -1, 1, 'float32', 1) as tf.Tensor4D;
    const norm = (channels: number) => ({
      gamma: tf.randomUniform([channels], 0.5, 1.5, 'float32', 2),
      beta: tf.randomUniform([channels], -1, 1, 'float32', 3),
      movingMean: tf.randomUniform([channels], -1, 1, 'float32', 4),
      movingVariance: tf.randomUniform([channels], 0.1, 2, 'float32', 5),
      epsilon: 1e-3,
    });
    const regular = { kernel: tf.randomNormal([3, 3, 3, 4], 0, 1, 'float32', 6) as tf.Tensor4D, channels: 4 };
    const depthwise = {
      kernel: tf.randomNormal([3, 3, 3, 2], 0, 1, 'float32', 7) as tf.Tensor4D,
      channels: 6,
    };
    for (const [isDepthwise, { kernel, channels }] of [
      [false, regular],
      [true, depthwise],
    ] as const) {
      for (const convBias of [undefined, tf.randomUniform([channels], -1, 1, 'float32', 8)]) {
        const bn = norm(channels);
        const conv = (filter: tf.Tensor4D) =>
          isDepthwise ? tf.depthwiseConv2d(x, filter, 1, 'same') : tf.conv2d(x, filter, 1, 'same');
        const raw = convBias ? tf.add(conv(kernel), convBias) : conv(kernel);
        const expected = tf.batchNorm(raw, bn.movingMean, bn.movingVariance, bn.beta, bn.gamma, bn.epsilon);
        const { filter, bias } = foldBatchNorm(kernel, convBias, bn, isDepthwise);
        const actual = tf.add(conv(filter), bias);
        expect(tf.max(tf.abs(tf.sub(actual, expected))).dataSync()[0]).toBeLessThan(1e-5);
      }
    }
  });
});
