import type * as tf from '@tensorflow/tfjs-core';

/** The pixel range a backbone expects: `[0,1]` is pixel / 255, `[-1,1]` is pixel / 127.5 − 1. */
export type Scaling = '[0,1]' | '[-1,1]';

export const scalings: readonly Scaling[] = ['[0,1]', '[-1,1]'];

export type BuiltinBackboneName = 'mobilenet-v2-pool' | 'mobilenet-v2-block10';

/** What to load: a built-in backbone by name, or a local TF.js layers model cut at a named layer. */
export type BackboneSpec =
  | { source: 'builtin'; name: BuiltinBackboneName; scaling?: Scaling }
  | {
      source: 'local';
      name: string;
      /** A folder holding `model.json` and its weight files, or the `model.json` file itself. */
      modelPath: string;
      layer: string;
      scaling: Scaling;
      /** Needed only when the model's input has no fixed size. */
      inputSize?: number;
    };

/** Everything that decides an embedding's values; `id` changes when any of it changes. */
export type BackboneInfo = {
  name: string;
  inputSize: number;
  dimensions: number;
  scaling: Scaling;
  /** Cache key for embeddings: name, geometry, scaling, preprocessing version and a weights digest. */
  id: string;
};

export type Backbone = BackboneInfo & {
  spec: BackboneSpec;
  /** True when the forward pass runs as BatchNorm-folded fused ops; false for the plain layers model. */
  isFused: boolean;
  /** `[batch, inputSize, inputSize, 3]` scaled pixels → `[batch, dimensions]` embeddings. */
  predict: (input: tf.Tensor4D) => tf.Tensor2D;
  dispose: () => void;
};
