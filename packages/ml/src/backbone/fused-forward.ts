import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { compileFusedPlan, disposeOps, type FusedPlan } from './compile-fused-plan';
import { UnsupportedLayerError } from './fused-plan';
import { graphUpTo } from './layer-graph';
import { runFusedPlan } from './run-fused-plan';
import type { Scaling } from './types';

/** Largest allowed |fused − layers| relative to the layers output's largest magnitude (at least 1). */
export const FUSED_TOLERANCE = 1e-4;

export type Forward = (input: tf.Tensor4D) => tf.Tensor2D;

/** Reduces a cut layer's value to one vector per image: feature maps are global-average-pooled. */
export function toEmbedding(value: tf.Tensor): tf.Tensor2D {
  if (value.rank === 4) return tf.mean(value, [1, 2]) as tf.Tensor2D;
  if (value.rank === 2) return value as tf.Tensor2D;
  throw new Error(`cannot make an embedding from a rank-${value.rank} value`);
}

/** max |a − b| / max(1, max |b|), read synchronously. */
export function relativeDifference(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => {
    const difference = tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] ?? Number.POSITIVE_INFINITY;
    const scale = Math.max(1, tf.max(tf.abs(b)).dataSync()[0] ?? 0);
    return difference / scale;
  });
}

/** A deterministic input batch in the backbone's pixel range. */
export function probeInput(inputSize: number, scaling: Scaling): tf.Tensor4D {
  const low = scaling === '[0,1]' ? 0 : -1;
  return tf.randomUniform([2, inputSize, inputSize, 3], low, 1, 'float32', 7) as tf.Tensor4D;
}

export type FusedResult =
  | { isFused: true; forward: Forward; plan: FusedPlan; difference: number }
  | { isFused: false; reason: string };

/**
 * Builds the BatchNorm-folded fused forward pass for `model` cut at `layer`, and keeps it only when it
 * matches `reference` (the plain layers forward) within FUSED_TOLERANCE on a probe batch.
 */
export function buildFusedForward(
  model: LayersModel,
  layer: string,
  reference: Forward,
  probe: tf.Tensor4D,
): FusedResult {
  const nodes = graphUpTo(model, layer);
  if (!nodes) return { isFused: false, reason: 'a layer is called more than once' };
  let plan: FusedPlan;
  try {
    plan = compileFusedPlan(nodes, layer);
  } catch (error) {
    if (error instanceof UnsupportedLayerError) return { isFused: false, reason: error.message };
    throw error;
  }
  const forward: Forward = (input) => tf.tidy(() => toEmbedding(runFusedPlan(plan, input)));
  try {
    const difference = tf.tidy(() => relativeDifference(forward(probe), reference(probe)));
    if (difference <= FUSED_TOLERANCE) return { isFused: true, forward, plan, difference };
    disposeOps(plan.ops);
    return { isFused: false, reason: `fused output differs by ${difference.toExponential(2)}` };
  } catch (error) {
    disposeOps(plan.ops);
    return { isFused: false, reason: `fused pass failed: ${error instanceof Error ? error.message : error}` };
  }
}
