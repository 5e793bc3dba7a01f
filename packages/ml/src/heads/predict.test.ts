import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { isMlError } from './ml-error';
import { predictProbabilities } from './predict';
import type { DenseLayer, SerializedHead } from './types';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function head(kind: 'linear' | 'mlp', layers: DenseLayer[]): SerializedHead {
  return {
    formatVersion: 1,
    kind,
    inputDimension: 2,
    classCount: 2,
    categoryIds: ['liver', 'spleen'],
    featureMean: new Float32Array([1, 0]),
    featureScale: new Float32Array([1, 0.5]),
    layers,
  };
}

const identity = {
  inputSize: 2,
  outputSize: 2,
  kernel: new Float32Array([1, 0, 0, 1]),
  bias: new Float32Array([0, 0]),
};

describe('predictProbabilities', () => {
  it('standardises, applies the linear layer and a softmax', () => {
    // x = (2, 4) → ((2 − 1)·1, (4 − 0)·0.5) = (1, 2); softmax(1, 2) = (1/(1+e), e/(1+e)) = (0.26894, 0.73106)
    const probabilities = predictProbabilities(head('linear', [identity]), new Float32Array([2, 4]));
    expect(probabilities[0]).toBeCloseTo(0.268941, 5);
    expect(probabilities[1]).toBeCloseTo(0.731059, 5);
  });

  it('puts a ReLU between the layers of an MLP head', () => {
    // standardised x = (1, −2) → ReLU → (1, 0) → logits (2·1, 0) → softmax (0.880797, 0.119203)
    const output = {
      inputSize: 2,
      outputSize: 2,
      kernel: new Float32Array([2, 0, 0, 1]),
      bias: new Float32Array([0, 0]),
    };
    const probabilities = predictProbabilities(head('mlp', [identity, output]), [new Float32Array([2, -4])]);
    expect(probabilities[0]).toBeCloseTo(0.880797, 5);
    expect(probabilities[1]).toBeCloseTo(0.119203, 5);
  });

  it('accepts rows or one flat array alike and rejects other dimensions', () => {
    const rows = [new Float32Array([2, 4]), new Float32Array([0, -2])];
    const flat = new Float32Array([2, 4, 0, -2]);
    expect(predictProbabilities(head('linear', [identity]), rows)).toEqual(
      predictProbabilities(head('linear', [identity]), flat),
    );
    expect(() => predictProbabilities(head('linear', [identity]), new Float32Array(3))).toThrowError(
      expect.objectContaining({ code: 'DIMENSION_MISMATCH' }),
    );
    try {
      predictProbabilities(head('linear', [identity]), [new Float32Array(3)]);
      expect.unreachable();
    } catch (error) {
      expect(isMlError(error, 'DIMENSION_MISMATCH')).toBe(true);
    }
  });
});
