import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
// Registers every backend (WASM first), as a process that embeds in worker threads does, without starting one
// in this thread.
import '../backend';
import { predictProbabilities } from './predict';
import { makeProblem } from './test-helpers';
import { trainHead } from './train-head';

describe('the MLP head in a thread that never embedded', () => {
  it('starts a TensorFlow.js backend itself, then trains and predicts', async () => {
    expect(tf.engine().backendName).toBeFalsy();
    const problem = makeProblem({ count: 200, dimension: 8, classCount: 3, separation: 3, seed: 'thread' });
    const result = await trainHead({
      kind: 'mlp',
      ...problem.train,
      classCount: 3,
      hyperparameters: { hiddenUnits: [8], maxEpochs: 3 },
    });
    expect(tf.engine().backendName).toBeTruthy();
    expect(result.weights.kind).toBe('mlp');
    const probabilities = predictProbabilities(result.weights, problem.test.features);
    expect(probabilities.length).toBe((problem.test.labels.length as number) * 3);
  });
});
