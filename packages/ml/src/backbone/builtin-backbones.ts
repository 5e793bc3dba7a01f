import type { BuiltinBackboneName, Scaling } from './types';

export type BuiltinBackbone = {
  /** The layer whose output is the embedding (global-average-pooled when it is a feature map). */
  layer: string;
  defaultScaling: Scaling;
  description: string;
};

/** The MobileNetV2 bundled with nsfwjs, cut at two depths. Both are frozen. */
export const builtinBackbones: Record<BuiltinBackboneName, BuiltinBackbone> = {
  'mobilenet-v2-pool': {
    layer: 'flatten_1',
    defaultScaling: '[0,1]',
    description:
      'MobileNetV2 global-pooling output, 1,280 values (blocks 11+ fine-tuned by the nsfwjs authors)',
  },
  'mobilenet-v2-block10': {
    layer: 'block_10_expand_relu',
    defaultScaling: '[-1,1]',
    description: 'global average of MobileNetV2 block_10_expand_relu, 384 values (ImageNet weights only)',
  },
};

export function isBuiltinBackboneName(name: string): name is BuiltinBackboneName {
  return Object.hasOwn(builtinBackbones, name);
}
