import { describe, expect, it } from 'vitest';
import { summarizeSimulations } from './summarize-simulations';
import type { SimulationResult } from './types';

const run = (strategy: string, seed: string, accuracies: number[]): SimulationResult => ({
  strategy,
  seed,
  curve: accuracies.map((accuracy, i) => ({ labels: 10 * (i + 1), accuracy, top2Accuracy: 1 })),
  poolSize: 100,
  testSize: 40,
});

const fullData = [
  { seed: '1', point: { labels: 100, accuracy: 0.8, top2Accuracy: 0.9 } },
  { seed: '2', point: { labels: 100, accuracy: 0.8, top2Accuracy: 0.95 } },
];

describe('summarizeSimulations', () => {
  const summary = summarizeSimulations({
    fullData,
    runs: [
      run('RANDOM', '1', [0.5, 0.6, 0.7, 0.78, 0.8]),
      run('RANDOM', '2', [0.5, 0.6, 0.7, 0.74, 0.8]),
      run('MARGIN', '1', [0.5, 0.8, 0.8, 0.8, 0.8]),
      run('MARGIN', '2', [0.5, 0.76, 0.8, 0.8, 0.8]),
      run('ENTROPY', '1', [0.5, 0.5, 0.5, 0.5, 0.5]),
      run('ENTROPY', '2', [0.5, 0.5, 0.5, 0.5, 0.5]),
    ],
  });

  it('sets the target at 95 % of the mean full-data accuracy', () => {
    expect(summary.fullDataAccuracy).toBeCloseTo(0.8, 9);
    expect(summary.fullDataTop2Accuracy).toBeCloseTo(0.925, 9);
    expect(summary.targetAccuracy).toBeCloseTo(0.76, 9);
  });

  it('reads the labels to the target off the mean curve and each seed, and divides by RANDOM', () => {
    const [random, margin, entropy] = summary.strategies;
    expect(random?.labelsToTarget).toBeCloseTo(40, 6);
    expect(random?.labelsToTargetBySeed.map((seed) => seed.labels)).toEqual([
      expect.closeTo(37.5, 6),
      expect.closeTo(40 + 20 / 6, 6),
    ]);
    expect(margin?.labelsToTarget).toBeCloseTo(10 + (10 * 0.26) / 0.28, 6);
    expect(margin?.ratioToBaseline).toBeCloseTo((10 + (10 * 0.26) / 0.28) / 40, 6);
    expect(entropy?.labelsToTarget).toBeNull();
    expect(entropy?.ratioToBaseline).toBeNull();
  });

  it('gives no ratio without the baseline', () => {
    const withoutRandom = summarizeSimulations({ fullData, runs: [run('MARGIN', '1', [0.9])] });
    expect(withoutRandom.strategies[0]?.labelsToTarget).toBe(10);
    expect(withoutRandom.strategies[0]?.ratioToBaseline).toBeNull();
  });
});
