import { describe, expect, it } from 'vitest';
import { meanCurve } from './mean-curve';

const point = (labels: number, accuracy: number) => ({ labels, accuracy, top2Accuracy: accuracy + 0.1 });

describe('meanCurve', () => {
  it('averages the seeds at every label count they all have, with the min–max band', () => {
    const curves = [
      [point(10, 0.4), point(20, 0.6), point(30, 0.7)],
      [point(10, 0.5), point(20, 0.8), point(25, 0.9)],
      [point(10, 0.6), point(20, 0.7), point(30, 0.8)],
    ];
    const mean = meanCurve(curves);
    expect(mean.map((p) => p.labels)).toEqual([10, 20]);
    expect(mean[0]?.accuracy).toBeCloseTo(0.5, 9);
    expect(mean[1]).toMatchObject({ minAccuracy: 0.6, maxAccuracy: 0.8, seedCount: 3 });
    expect(mean[1]?.accuracy).toBeCloseTo(0.7, 9);
    expect(mean[1]?.top2Accuracy).toBeCloseTo(0.8, 9);
  });

  it('is empty without curves', () => {
    expect(meanCurve([])).toEqual([]);
  });
});
