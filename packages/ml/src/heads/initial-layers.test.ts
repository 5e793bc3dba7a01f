import { describe, expect, it } from 'vitest';
import { coldStartLayers, initialLayers, restandardizeLayer } from './initial-layers';
import type { SerializedHead } from './types';

const previous: SerializedHead = {
  formatVersion: 1,
  kind: 'linear',
  inputDimension: 2,
  classCount: 2,
  categoryIds: ['a', 'b'],
  featureMean: new Float32Array([0, 0]),
  featureScale: new Float32Array([1, 1]),
  layers: [
    { inputSize: 2, outputSize: 2, kernel: new Float32Array([1, 2, 3, 4]), bias: new Float32Array([1, 3]) },
  ],
};
const same = { mean: new Float32Array([0, 0]), scale: new Float32Array([1, 1]) };

describe('initialLayers', () => {
  it('matches output units by category id and starts new categories at zero with the mean bias', () => {
    const plan = {
      kind: 'linear' as const,
      dimension: 2,
      categoryIds: ['b', 'c', 'a'],
      hiddenUnits: [],
      seed: 's',
    };
    const { layers, isWarmStarted } = initialLayers(plan, same, previous);
    expect(isWarmStarted).toBe(true);
    expect([...(layers[0]?.kernel ?? [])]).toEqual([3, 4, 0, 0, 1, 2]);
    expect([...(layers[0]?.bias ?? [])]).toEqual([3, 2, 1]);
  });

  it('starts cold when no category is shared', () => {
    const plan = {
      kind: 'linear' as const,
      dimension: 2,
      categoryIds: ['x', 'y'],
      hiddenUnits: [],
      seed: 's',
    };
    const { layers, isWarmStarted } = initialLayers(plan, same, previous);
    expect(isWarmStarted).toBe(false);
    expect([...(layers[0]?.kernel ?? [])]).toEqual([0, 0, 0, 0]);
  });

  it('gives an MLP seeded Glorot-uniform weights within ±√(6 / (in + out))', () => {
    const plan = {
      kind: 'mlp' as const,
      dimension: 10,
      categoryIds: ['a', 'b'],
      hiddenUnits: [6],
      seed: 's',
    };
    const [hidden, output] = coldStartLayers(plan);
    expect(Math.max(...(hidden?.kernel ?? []).map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / 16));
    expect(output?.kernel.length).toBe(12);
    expect(coldStartLayers(plan)[0]?.kernel).toEqual(hidden?.kernel);
  });
});

describe('restandardizeLayer', () => {
  it('computes the same logits from raw features under the new standardisation', () => {
    const from = { mean: new Float32Array([1, 2]), scale: new Float32Array([0.5, 2]) };
    const to = { mean: new Float32Array([0, 3]), scale: new Float32Array([1, 0.25]) };
    const layer = previous.layers[0] as SerializedHead['layers'][0];
    const moved = restandardizeLayer(layer, from, to);
    const logits = (l: typeof layer, s: typeof from, raw: number[]) =>
      [0, 1].map((o) => {
        const x = raw.map((v, j) => (v - (s.mean[j] as number)) * (s.scale[j] as number));
        return (
          (l.kernel[o * 2] as number) * (x[0] as number) +
          (l.kernel[o * 2 + 1] as number) * (x[1] as number) +
          (l.bias[o] as number)
        );
      });
    for (const raw of [
      [0, 0],
      [3, -1],
      [10, 7],
    ]) {
      const [a0, a1] = logits(layer, from, raw);
      const [b0, b1] = logits(moved, to, raw);
      expect(b0).toBeCloseTo(a0 as number, 4);
      expect(b1).toBeCloseTo(a1 as number, 4);
    }
  });
});
