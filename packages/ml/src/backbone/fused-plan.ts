import * as tf from '@tensorflow/tfjs-core';
import { foldBatchNorm } from './fold-batch-norm';
import type { GraphNode } from './layer-graph';

export type Activation = 'linear' | 'relu' | 'relu6';
type Padding = 'valid' | 'same' | [[0, 0], [number, number], [number, number], [0, 0]];

/** One step of the fused forward pass; `inputs` and `output` name values (layer outputs). */
export type FusedOp = { inputs: string[]; output: string } & (
  | {
      kind: 'conv';
      isDepthwise: boolean;
      filter: tf.Tensor4D;
      bias?: tf.Tensor1D;
      strides: [number, number];
      pad: Padding;
      activation: Activation;
      /** Zero padding (rows, columns) a merged padding layer applied before this convolution. */
      padFirst?: [[number, number], [number, number]];
    }
  | { kind: 'pad'; padding: [[number, number], [number, number]] }
  | { kind: 'activation'; activation: Activation }
  | { kind: 'add' }
  | { kind: 'concat' }
  | {
      kind: 'pool';
      mode: 'avg' | 'max';
      size: [number, number];
      strides: [number, number];
      pad: 'valid' | 'same';
    }
  | { kind: 'global-avg-pool' }
  | { kind: 'flatten' }
);

/** Thrown while compiling when a layer cannot be expressed as fused ops; the caller falls back. */
export class UnsupportedLayerError extends Error {}

/** The ReLU-like activation a layer applies on its own, or null when it is anything else. */
export function standaloneActivation(node: GraphNode): Activation | null {
  const { config } = node;
  if (node.className === 'Activation') return config.activation === 'relu' ? 'relu' : null;
  if (node.className !== 'ReLU') return null;
  if (
    Number(config.threshold ?? 0) !== 0 ||
    Number(config.negative_slope ?? config.negativeSlope ?? 0) !== 0
  ) {
    return null;
  }
  const maxValue = config.max_value ?? config.maxValue;
  if (maxValue == null) return 'relu';
  return Number(maxValue) === 6 ? 'relu6' : null;
}

export function pair(value: unknown): [number, number] {
  const values = Array.isArray(value) ? value.map(Number) : [Number(value), Number(value)];
  if (values.length !== 2 || values.some((v) => !Number.isFinite(v))) {
    throw new UnsupportedLayerError(`expected a pair of numbers, got ${JSON.stringify(value)}`);
  }
  return values as [number, number];
}

export function isChannelsLast(node: GraphNode): boolean {
  const format = node.config.data_format ?? node.config.dataFormat;
  return format == null || format === 'channels_last' || format === 'channelsLast';
}

export function convActivation(node: GraphNode): Activation {
  const activation = String(node.config.activation ?? 'linear');
  if (activation === 'linear' || activation === 'relu') return activation;
  throw new UnsupportedLayerError(`${node.name}: activation ${activation}`);
}

/**
 * A convolution op from a Conv2D or DepthwiseConv2D node, BatchNorm folded in when `norm` is given.
 * The op owns its tensors (copies or folded values), so the source model can be disposed.
 */
export function convOp(node: GraphNode, norm: GraphNode | undefined, output: string): FusedOp {
  const isDepthwise = node.className === 'DepthwiseConv2D';
  const kernel = (isDepthwise ? node.weights.depthwise_kernel : node.weights.kernel) as
    | tf.Tensor4D
    | undefined;
  const dilation = pair(node.config.dilation_rate ?? node.config.dilationRate ?? 1);
  if (!kernel || !isChannelsLast(node) || dilation[0] !== 1 || dilation[1] !== 1) {
    throw new UnsupportedLayerError(`${node.name}: unsupported convolution settings`);
  }
  if (Number(node.config.groups ?? 1) !== 1)
    throw new UnsupportedLayerError(`${node.name}: grouped convolution`);
  const shared = {
    inputs: node.inputs,
    output,
    strides: pair(node.config.strides ?? 1),
    pad: String(node.config.padding) === 'same' ? ('same' as const) : ('valid' as const),
    activation: convActivation(node),
    isDepthwise,
  };
  if (!norm) {
    const bias = node.weights.bias ? (tf.clone(node.weights.bias) as tf.Tensor1D) : undefined;
    return { kind: 'conv', ...shared, filter: tf.clone(kernel), bias };
  }
  const { gamma, beta, moving_mean: movingMean, moving_variance: movingVariance } = norm.weights;
  if (!movingMean || !movingVariance)
    throw new UnsupportedLayerError(`${norm.name}: missing moving statistics`);
  const epsilon = Number(norm.config.epsilon ?? 1e-3);
  const folded = foldBatchNorm(
    kernel,
    node.weights.bias,
    { gamma, beta, movingMean, movingVariance, epsilon },
    isDepthwise,
  );
  return { kind: 'conv', ...shared, ...folded };
}
