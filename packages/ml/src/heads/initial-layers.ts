import { createRandom } from '../split/seeded-random';
import { MlError } from './ml-error';
import type { Standardization } from './standardization';
import type { DenseLayer, HeadKind, SerializedHead } from './types';

export type LayerPlan = {
  kind: HeadKind;
  dimension: number;
  categoryIds: readonly string[];
  hiddenUnits: readonly number[];
  seed: string;
};

/** Layer sizes of a head: input → hidden units (MLP only) → classes. */
export function layerSizes(plan: LayerPlan): number[] {
  const hidden = plan.kind === 'mlp' ? plan.hiddenUnits : [];
  return [plan.dimension, ...hidden, plan.categoryIds.length];
}

/** Zero weights for a linear head; Glorot-uniform weights (seeded) and zero biases for an MLP head. */
export function coldStartLayers(plan: LayerPlan): DenseLayer[] {
  const sizes = layerSizes(plan);
  const random = createRandom(`${plan.seed}:init`);
  return sizes.slice(1).map((outputSize, index) => {
    const inputSize = sizes[index] as number;
    const kernel = new Float32Array(outputSize * inputSize);
    if (plan.kind === 'mlp') {
      const limit = Math.sqrt(6 / (inputSize + outputSize));
      for (let i = 0; i < kernel.length; i++) kernel[i] = (2 * random() - 1) * limit;
    }
    return { inputSize, outputSize, kernel, bias: new Float32Array(outputSize) };
  });
}

/**
 * The first layer of `previous`, rewritten for the new standardisation so that it computes exactly the
 * same function of the raw features: w' = w · s_old / s_new, b' = b + Σ w · s_old · (μ_new − μ_old).
 */
export function restandardizeLayer(
  layer: DenseLayer,
  from: Standardization,
  to: Standardization,
): DenseLayer {
  const { inputSize, outputSize } = layer;
  const kernel = new Float32Array(layer.kernel.length);
  const bias = Float32Array.from(layer.bias);
  for (let o = 0; o < outputSize; o++) {
    let shift = 0;
    for (let j = 0; j < inputSize; j++) {
      const w = (layer.kernel[o * inputSize + j] as number) * (from.scale[j] as number);
      const newScale = to.scale[j] as number;
      kernel[o * inputSize + j] = newScale > 0 ? w / newScale : 0;
      shift += w * ((to.mean[j] as number) - (from.mean[j] as number));
    }
    bias[o] = (bias[o] as number) + shift;
  }
  return { inputSize, outputSize, kernel, bias };
}

/** Output rows matched by category id; a category the previous head did not know starts at zero. */
function mapOutputLayer(layer: DenseLayer, previousIds: readonly string[], categoryIds: readonly string[]) {
  const { inputSize } = layer;
  const kernel = new Float32Array(categoryIds.length * inputSize);
  const bias = new Float32Array(categoryIds.length);
  const known = categoryIds.map((id) => previousIds.indexOf(id));
  const knownBiases = known.filter((o) => o >= 0).map((o) => layer.bias[o] as number);
  const meanBias = knownBiases.reduce((sum, b) => sum + b, 0) / Math.max(1, knownBiases.length);
  known.forEach((o, c) => {
    if (o < 0) {
      bias[c] = meanBias;
      return;
    }
    kernel.set(layer.kernel.subarray(o * inputSize, (o + 1) * inputSize), c * inputSize);
    bias[c] = layer.bias[o] as number;
  });
  return {
    layer: { inputSize, outputSize: categoryIds.length, kernel, bias },
    matchedCount: knownBiases.length,
  };
}

function assertCompatible(previous: SerializedHead, plan: LayerPlan): void {
  const expected = layerSizes({ ...plan, categoryIds: previous.categoryIds });
  const actual = [previous.inputDimension, ...previous.layers.map((layer) => layer.outputSize)];
  if (previous.kind !== plan.kind || expected.join() !== actual.join()) {
    throw new MlError(
      'INCOMPATIBLE_WARM_START',
      `Cannot warm-start a ${plan.kind} head of sizes ${expected.join('→')} from a ${previous.kind} head of sizes ${actual.join('→')}.`,
      { expected, actual },
    );
  }
}

/** Layers to start training from: the previous head's where its categories overlap, else a cold start. */
export function initialLayers(plan: LayerPlan, standardization: Standardization, previous?: SerializedHead) {
  if (!previous) return { layers: coldStartLayers(plan), isWarmStarted: false };
  assertCompatible(previous, plan);
  const previousStandardization = { mean: previous.featureMean, scale: previous.featureScale };
  const layers = previous.layers.map((layer, index) =>
    index === 0 ? restandardizeLayer(layer, previousStandardization, standardization) : layer,
  );
  const output = mapOutputLayer(layers.at(-1) as DenseLayer, previous.categoryIds, plan.categoryIds);
  if (output.matchedCount === 0) return { layers: coldStartLayers(plan), isWarmStarted: false };
  return { layers: [...layers.slice(0, -1), output.layer], isWarmStarted: true };
}
