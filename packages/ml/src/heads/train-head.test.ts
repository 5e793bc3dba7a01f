import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeGaussianClasses } from './gaussian-classes';
import { predictProbabilities } from './predict';
import { accuracyOf, balancedAccuracyOf, makeProblem } from './test-helpers';
import { trainHead } from './train-head';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const problem = makeProblem({
  count: 1_000,
  dimension: 24,
  classCount: 4,
  separation: 2.5,
  seed: 'separable',
});

describe('trainHead (linear)', () => {
  it('learns a separable problem to about 100 %', async () => {
    const result = await trainHead({
      kind: 'linear',
      ...problem.train,
      classCount: 4,
      validation: problem.validation,
    });
    const accuracy = accuracyOf(
      predictProbabilities(result.weights, problem.test.features),
      problem.test.labels,
      4,
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.98);
    expect(result.validationLoss).toBeLessThan(0.2);
    expect(result.history).toHaveLength(result.epochs);
    expect(result.weights.categoryIds).toEqual(['0', '1', '2', '3']);
  });

  it('is deterministic for a seed and changes with it', async () => {
    const options = {
      kind: 'linear' as const,
      ...problem.train,
      classCount: 4,
      hyperparameters: { maxEpochs: 3 },
    };
    const a = await trainHead(options);
    const b = await trainHead(options);
    const c = await trainHead({ ...options, hyperparameters: { maxEpochs: 3, seed: 'other' } });
    expect(b.weights.layers[0]?.kernel).toEqual(a.weights.layers[0]?.kernel);
    expect(c.weights.layers[0]?.kernel).not.toEqual(a.weights.layers[0]?.kernel);
  });

  it('reports every epoch to onProgress', async () => {
    const seen: number[] = [];
    const result = await trainHead({
      kind: 'linear',
      ...problem.train,
      classCount: 4,
      hyperparameters: { maxEpochs: 4, patience: 10 },
      onProgress: ({ epoch }) => seen.push(epoch),
    });
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(result.epochs).toBe(4);
    expect(result.validationLoss).toBeNull();
  });
});

describe('class-balanced weights', () => {
  it('raise the recall of rare classes on a skewed problem', async () => {
    const shares = [0.9, 0.05, 0.05];
    const skewed = makeGaussianClasses({
      count: 600,
      dimension: 16,
      classCount: 3,
      separation: 0.45,
      seed: 'skew',
      classShares: shares,
    });
    const balancedTest = makeGaussianClasses({
      count: 900,
      dimension: 16,
      classCount: 3,
      separation: 0.45,
      seed: 'skew',
    });
    const train = async (isClassBalanced: boolean) => {
      const hyperparameters = { isClassBalanced, maxEpochs: 40, patience: 40, learningRate: 0.01 };
      const result = await trainHead({ kind: 'linear', ...skewed, classCount: 3, hyperparameters });
      return balancedAccuracyOf(
        predictProbabilities(result.weights, balancedTest.features),
        balancedTest.labels,
        3,
      );
    };
    const balanced = await train(true);
    const unbalanced = await train(false);
    expect(balanced).toBeGreaterThan(unbalanced + 0.05);
  });
});

describe('warm start', () => {
  it('needs fewer epochs than a cold start after a few more labels', async () => {
    const hyperparameters = { learningRate: 0.003, maxEpochs: 200, tolerance: 0.02 };
    const first = await trainHead({
      kind: 'linear',
      ...problem.train,
      classCount: 4,
      validation: problem.validation,
      hyperparameters,
    });
    const more = makeGaussianClasses({
      count: 20,
      dimension: 24,
      classCount: 4,
      separation: 2.5,
      seed: 'separable-more',
    });
    const features = new Float32Array([...problem.train.features, ...more.features]);
    const labels = new Int32Array([...problem.train.labels, ...more.labels]);
    const options = {
      kind: 'linear' as const,
      features,
      labels,
      classCount: 4,
      validation: problem.validation,
      hyperparameters,
    };
    const cold = await trainHead(options);
    const warm = await trainHead({ ...options, warmStart: first.weights });
    expect(warm.isWarmStarted).toBe(true);
    expect(cold.isWarmStarted).toBe(false);
    expect(cold.epochs).toBeGreaterThan(5);
    expect(warm.epochs).toBeLessThan(cold.epochs / 2);
    expect(warm.validationLoss).toBeLessThanOrEqual((cold.validationLoss ?? 0) * 1.1);
  });
});

describe('trainHead (mlp)', () => {
  it('learns a separable problem and is deterministic for a seed', async () => {
    const options = {
      kind: 'mlp' as const,
      ...problem.train,
      classCount: 4,
      validation: problem.validation,
      hyperparameters: { hiddenUnits: [16], dropout: 0.2, learningRate: 0.01, maxEpochs: 12, batchSize: 100 },
    };
    const a = await trainHead(options);
    const b = await trainHead(options);
    expect(a.weights.layers.map((layer) => [layer.inputSize, layer.outputSize])).toEqual([
      [24, 16],
      [16, 4],
    ]);
    expect(b.weights.layers[0]?.kernel).toEqual(a.weights.layers[0]?.kernel);
    const accuracy = accuracyOf(
      predictProbabilities(a.weights, problem.test.features),
      problem.test.labels,
      4,
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.97);
  });

  it('releases every tensor it made', async () => {
    const before = tf.memory().numTensors;
    const result = await trainHead({
      kind: 'mlp',
      ...problem.train,
      classCount: 4,
      hyperparameters: { hiddenUnits: [8], maxEpochs: 2 },
    });
    predictProbabilities(result.weights, problem.test.features);
    expect(tf.memory().numTensors).toBe(before);
  });
});
