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

  it('gives the linear head what standardising each row and a softmax of its dot products give, at any row count', () => {
    // 11 classes (two blocks of four and three left over) over 7 values, one of them constant in training
    // (scale 0), and an odd number of rows.
    const dimension = 7;
    const classCount = 11;
    const value = (i: number) => Math.sin(i * 12.9898) * 3;
    const linear: SerializedHead = {
      formatVersion: 1,
      kind: 'linear',
      inputDimension: dimension,
      classCount,
      categoryIds: Array.from({ length: classCount }, (_, c) => `c${c}`),
      featureMean: Float32Array.from({ length: dimension }, (_, j) => value(j + 100)),
      featureScale: Float32Array.from({ length: dimension }, (_, j) =>
        j === 3 ? 0 : 0.5 + Math.abs(value(j)),
      ),
      layers: [
        {
          inputSize: dimension,
          outputSize: classCount,
          kernel: Float32Array.from({ length: classCount * dimension }, (_, i) => value(i + 200)),
          bias: Float32Array.from({ length: classCount }, (_, c) => value(c + 300)),
        },
      ],
    };
    const { kernel, bias } = linear.layers[0]!;
    for (const rowCount of [1, 2, 5]) {
      const features = Float32Array.from({ length: rowCount * dimension }, (_, i) => value(i + 400));
      const probabilities = predictProbabilities(linear, features);
      expect(probabilities).toHaveLength(rowCount * classCount);
      for (let i = 0; i < rowCount; i++) {
        const x = Array.from(
          { length: dimension },
          (_, j) => (features[i * dimension + j]! - linear.featureMean[j]!) * linear.featureScale[j]!,
        );
        const logits = Array.from(
          { length: classCount },
          (_, c) => bias[c]! + x.reduce((sum, xj, j) => sum + kernel[c * dimension + j]! * xj, 0),
        );
        const max = Math.max(...logits);
        const total = logits.reduce((sum, logit) => sum + Math.exp(logit - max), 0);
        logits.forEach((logit, c) => {
          expect(probabilities[i * classCount + c]).toBeCloseTo(Math.exp(logit - max) / total, 6);
        });
      }
    }
  });
});
