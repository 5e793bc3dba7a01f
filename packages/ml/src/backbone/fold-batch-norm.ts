import * as tf from '@tensorflow/tfjs-core';

export type BatchNormWeights = {
  gamma?: tf.Tensor;
  beta?: tf.Tensor;
  movingMean: tf.Tensor;
  movingVariance: tf.Tensor;
  epsilon: number;
};

export type FoldedConv = { filter: tf.Tensor4D; bias: tf.Tensor1D };

/**
 * Folds an inference-mode batch normalisation into the convolution before it:
 * BN(conv(x, W) + b) = conv(x, W·s) + (b − mean)·s + beta, with s = gamma / √(variance + ε) per output channel.
 * A regular kernel is `[h, w, in, out]`; a depthwise one is `[h, w, in, multiplier]` with output channel
 * `in·multiplier + m`, so the scale is reshaped to `[in, multiplier]` before it multiplies the kernel.
 * Returns new tensors that the caller owns.
 */
export function foldBatchNorm(
  kernel: tf.Tensor4D,
  convBias: tf.Tensor | undefined,
  norm: BatchNormWeights,
  isDepthwise: boolean,
): FoldedConv {
  return tf.tidy(() => {
    const [, , inChannels, lastDim] = kernel.shape;
    const gamma = norm.gamma ?? tf.onesLike(norm.movingMean);
    const beta = norm.beta ?? tf.zerosLike(norm.movingMean);
    const scale = tf.mul(gamma, tf.rsqrt(tf.add(norm.movingVariance, norm.epsilon)));
    const kernelScale = isDepthwise ? tf.reshape(scale, [inChannels, lastDim]) : scale;
    const filter = tf.mul(kernel, kernelScale) as tf.Tensor4D;
    const centred = tf.sub(convBias ?? tf.zerosLike(norm.movingMean), norm.movingMean);
    const bias = tf.add(tf.mul(centred, scale), beta) as tf.Tensor1D;
    return { filter, bias };
  });
}
