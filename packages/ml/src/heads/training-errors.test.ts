import { describe, expect, it } from 'vitest';
import { isMlError, type MlErrorCode } from './ml-error';
import { predictProbabilities } from './predict';
import { trainHead } from './train-head';
import type { TrainHeadOptions } from './types';

const features = new Float32Array([0, 0, 1, 1, 0, 1, 1, 0]);
const base: TrainHeadOptions = {
  kind: 'linear',
  features,
  labels: new Int32Array([0, 1, 0, 1]),
  classCount: 2,
};

async function codeOf(options: Partial<TrainHeadOptions>): Promise<MlErrorCode | 'none'> {
  try {
    await trainHead({ ...base, ...options });
    return 'none';
  } catch (error) {
    if (isMlError(error)) return error.code;
    throw error;
  }
}

describe('trainHead input errors', () => {
  it('names what is wrong with a typed code', async () => {
    expect(await codeOf({ features: new Float32Array(0), labels: new Int32Array(0) })).toBe(
      'NO_TRAINING_DATA',
    );
    expect(await codeOf({ labels: new Int32Array([1, 1, 1, 1]) })).toBe('ONE_CLASS_ONLY');
    expect(await codeOf({ classCount: 3 })).toBe('EMPTY_CATEGORY');
    expect(await codeOf({ labels: new Int32Array([0, 1, 2, 1]) })).toBe('LABEL_OUT_OF_RANGE');
    expect(await codeOf({ features: new Float32Array(7) })).toBe('DIMENSION_MISMATCH');
    expect(
      await codeOf({
        features: [new Float32Array(2), new Float32Array(3), new Float32Array(2), new Float32Array(2)],
      }),
    ).toBe('DIMENSION_MISMATCH');
    expect(await codeOf({ validation: { features: new Float32Array(3), labels: new Int32Array([0]) } })).toBe(
      'DIMENSION_MISMATCH',
    );
    expect(await codeOf({ categoryIds: ['a'] })).toBe('DIMENSION_MISMATCH');
    expect(await codeOf({ hyperparameters: { batchSize: 0 } })).toBe('INVALID_HYPERPARAMETERS');
    expect(await codeOf({})).toBe('none');
  });

  it('stops with TRAINING_ABORTED when the signal fires', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await codeOf({ signal: controller.signal })).toBe('TRAINING_ABORTED');
    const during = new AbortController();
    const epochs: number[] = [];
    const stopped = trainHead({
      ...base,
      hyperparameters: { maxEpochs: 100, patience: 100, tolerance: 0 },
      signal: during.signal,
      onProgress: ({ epoch }) => {
        epochs.push(epoch);
        if (epoch === 3) during.abort();
      },
    });
    await expect(stopped).rejects.toMatchObject({ code: 'TRAINING_ABORTED' });
    expect(epochs).toEqual([1, 2, 3]);
    const later = new AbortController();
    const hyperparameters = { maxEpochs: 10_000, patience: 10_000, tolerance: 0 };
    const run = trainHead({ ...base, hyperparameters, signal: later.signal });
    setTimeout(() => later.abort(), 5);
    await expect(run).rejects.toMatchObject({ code: 'TRAINING_ABORTED' });
  });

  it('refuses a warm start from a head of another dimension', async () => {
    const previous = await trainHead(base);
    const wider = { features: new Float32Array(12).map((_, i) => i % 5), warmStart: previous.weights };
    expect(await codeOf(wider)).toBe('INCOMPATIBLE_WARM_START');
  });

  it("gives a category without images probability 0 under emptyCategories 'exclude'", async () => {
    const result = await trainHead({ ...base, classCount: 3, emptyCategories: 'exclude' });
    const probabilities = predictProbabilities(result.weights, features);
    for (let i = 0; i < 4; i++) expect(probabilities[i * 3 + 2]).toBeLessThan(1e-6);
    expect(probabilities[0]).toBeGreaterThan(0.1);
  });
});
