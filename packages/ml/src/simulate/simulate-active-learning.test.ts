import { describe, expect, it } from 'vitest';
import { fullDataAccuracy } from './full-data-accuracy';
import { labelsToReach } from './labels-to-reach';
import { simulateActiveLearning } from './simulate-active-learning';
import { gaussianSimulationData } from './test-data';

const separable = gaussianSimulationData({ count: 480, classCount: 3, separation: 3, seed: 'separable' });
const options = { ...separable, seed: '1', seedSize: 6, batchSize: 10, maxLabels: 96 };
const ACQUISITION = ['RANDOM', 'LEAST_CONFIDENT', 'MARGIN', 'ENTROPY', 'DIVERSE_MARGIN'];

describe('simulateActiveLearning', () => {
  it('records one point per round: the seed set, then a batch at a time up to the budget', async () => {
    const result = await simulateActiveLearning({ ...options, strategy: 'MARGIN' });
    expect(result.curve.map((point) => point.labels)).toEqual([6, 16, 26, 36, 46, 56, 66, 76, 86, 96]);
    expect(result.poolSize + result.testSize).toBe(480);
    for (const point of result.curve) expect(point.top2Accuracy).toBeGreaterThanOrEqual(point.accuracy);
  });

  it('on a separable problem every strategy reaches 95 % of the full-data accuracy', async () => {
    const full = await fullDataAccuracy({ ...separable, seed: '1' });
    expect(full.accuracy).toBeGreaterThan(0.9);
    for (const strategy of ACQUISITION) {
      const { curve } = await simulateActiveLearning({ ...options, strategy });
      expect(labelsToReach(curve, 0.95 * full.accuracy), strategy).not.toBeNull();
    }
  });

  it('is deterministic per seed, and every strategy of one seed starts from the same point', async () => {
    const random = await simulateActiveLearning({ ...options, strategy: 'RANDOM' });
    expect(await simulateActiveLearning({ ...options, strategy: 'RANDOM' })).toEqual(random);
    const margin = await simulateActiveLearning({ ...options, strategy: 'MARGIN' });
    expect(margin.curve[0]).toEqual(random.curve[0]);
    const otherSeed = await simulateActiveLearning({ ...options, strategy: 'RANDOM', seed: '2' });
    expect(otherSeed.curve).not.toEqual(random.curve);
  });

  it('stops at the pool size when the budget is larger', async () => {
    const small = gaussianSimulationData({ count: 60, classCount: 2, separation: 3, seed: 'small' });
    const result = await simulateActiveLearning({
      ...small,
      strategy: 'ENTROPY',
      seed: '1',
      seedSize: 4,
      batchSize: 25,
      maxLabels: 1000,
    });
    expect(result.poolSize).toBeGreaterThan(29);
    expect(result.poolSize).toBeLessThan(54);
    expect(result.curve.map((point) => point.labels)).toEqual([4, 29, result.poolSize]);
  });

  it('rejects a strategy that offers no unlabelled image, an unknown strategy and bad counts', async () => {
    await expect(
      simulateActiveLearning({ ...options, strategy: 'LIKELY_LABEL_ERROR' }),
    ).rejects.toMatchObject({
      code: 'STRATEGY_PICKED_NOTHING',
    });
    await expect(simulateActiveLearning({ ...options, strategy: 'NEWEST' })).rejects.toMatchObject({
      code: 'UNKNOWN_STRATEGY',
    });
    await expect(
      simulateActiveLearning({ ...options, strategy: 'RANDOM', batchSize: 0 }),
    ).rejects.toMatchObject({
      code: 'INVALID_SIMULATION_OPTIONS',
    });
  });
});
