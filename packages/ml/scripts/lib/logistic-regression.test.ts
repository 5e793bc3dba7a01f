import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { groupedFolds } from './grouped-folds';
import { disposeLogistic, fitLogistic, predictClasses, probabilities } from './logistic-regression';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('fitLogistic', () => {
  it('separates three well-separated clusters and gives probabilities that sum to 1', () => {
    const centres = [
      [0, 0],
      [4, 0],
      [0, 4],
    ];
    const rows: Float32Array[] = [];
    const labels: number[] = [];
    centres.forEach(([cx, cy], label) => {
      for (let k = 0; k < 20; k++) {
        rows.push(
          Float32Array.of((cx as number) + Math.sin(k) * 0.5, (cy as number) + Math.cos(k * 1.7) * 0.5),
        );
        labels.push(label);
      }
    });
    const model = fitLogistic(rows, Int32Array.from(labels), 3, { l2: 1e-3, steps: 200 });
    expect(predictClasses(model, rows)).toEqual(labels);
    const [p] = probabilities(model, [Float32Array.of(4, 0.2)]);
    expect(p?.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(p?.[1]).toBeGreaterThan(0.9);
    disposeLogistic(model);
    expect(tf.memory().numTensors).toBe(0);
  });
});

describe('groupedFolds', () => {
  it('keeps each group in one fold and balances group counts', () => {
    const groups = Array.from({ length: 50 }, (_, i) => `case${Math.floor(i / 2)}`);
    const folds = groupedFolds(groups, 5);
    for (let i = 0; i < groups.length; i += 2) expect(folds[i]).toBe(folds[i + 1]);
    const perFold = [0, 1, 2, 3, 4].map((f) => folds.filter((x) => x === f).length / 2);
    expect(perFold).toEqual([5, 5, 5, 5, 5]);
    expect(Array.from(groupedFolds(groups, 5))).toEqual(Array.from(folds));
  });
});
