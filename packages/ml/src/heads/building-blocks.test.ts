import { describe, expect, it } from 'vitest';
import { createAdam } from './adam';
import { classWeights, countClasses } from './check-training-input';
import { softmaxInPlace } from './dense-math';
import { featuresForRows } from './feature-matrix';
import { resolveHyperparameters } from './hyperparameters';
import { fitStandardization } from './standardization';

describe('fitStandardization', () => {
  it('centres and scales each dimension, ignoring constant ones', () => {
    const matrix = featuresForRows(new Float32Array([1, 10, 3, 10]), 2, 'test');
    const { mean, scale } = fitStandardization(matrix);
    expect([...mean]).toEqual([2, 10]);
    expect([...scale]).toEqual([1, 0]);
  });
});

describe('classWeights', () => {
  it('weights a class by n / (present classes · n_c)', () => {
    const counts = countClasses(new Int32Array([0, 0, 0, 0, 0, 0, 1, 1]), 3, 'exclude', ['a', 'b', 'c']);
    expect([...counts]).toEqual([6, 2, 0]);
    const weights = classWeights(counts, true);
    expect(weights[0]).toBeCloseTo(8 / 12, 6);
    expect(weights[1]).toBeCloseTo(2, 6);
    expect(weights[2]).toBe(0);
    expect([...classWeights(counts, false)]).toEqual([1, 1, 0]);
  });
});

describe('createAdam', () => {
  it('moves the first step by the learning rate against the gradient sign', () => {
    const parameters = new Float32Array([1, -2]);
    const step = createAdam(2, { learningRate: 0.1 });
    step(parameters, new Float32Array([0.5, -3]));
    expect(parameters[0]).toBeCloseTo(0.9, 6);
    expect(parameters[1]).toBeCloseTo(-1.9, 6);
  });
});

describe('softmaxInPlace', () => {
  it('returns the log-partition and leaves probabilities', () => {
    const values = new Float64Array([0, Math.log(3)]);
    expect(softmaxInPlace(values, 0, 2)).toBeCloseTo(Math.log(4), 12);
    expect(values[0]).toBeCloseTo(0.25, 12);
    expect(values[1]).toBeCloseTo(0.75, 12);
  });
});

describe('resolveHyperparameters', () => {
  it('fills the defaults per head kind', () => {
    expect(resolveHyperparameters('linear').learningRate).toBe(0.001);
    expect(resolveHyperparameters('mlp', { learningRate: 0.01 }).learningRate).toBe(0.01);
    expect(resolveHyperparameters('mlp').hiddenUnits).toEqual([256]);
  });
});
