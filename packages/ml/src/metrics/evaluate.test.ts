import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate';
import { fourImages } from './test-fixture';

describe('evaluate', () => {
  it('collects every metric in a JSON-serialisable object', () => {
    const evaluation = evaluate({ ...fourImages, bootstrap: { iterations: 200, seed: 't' } });
    if (evaluation.status !== 'EVALUATED') throw new Error('expected metrics');
    const { metrics } = evaluation;
    expect(metrics).toMatchObject({
      n: 4,
      classCount: 3,
      studyCount: 3,
      unknownLabelCount: 0,
      accuracy: 0.5,
      top2Accuracy: 1,
      macroF1: 0.5,
    });
    expect(metrics.ece).toBeCloseTo(0.355, 6);
    expect(metrics.confusion[2]).toEqual([0, 1, 1]);
    expect(metrics.accuracyInterval.lower).toBeLessThanOrEqual(0.5);
    expect(metrics.accuracyInterval.upper).toBeGreaterThanOrEqual(0.5);
    expect(metrics.top2Interval).toMatchObject({ lower: 1, upper: 1 });
    expect(JSON.parse(JSON.stringify(metrics))).toEqual(metrics);
  });

  it('counts test images of categories the model lacks as wrong', () => {
    const evaluation = evaluate({
      ...fourImages,
      labels: new Int32Array([0, 2, 1, -1]),
      bootstrap: { iterations: 50 },
    });
    if (evaluation.status !== 'EVALUATED') throw new Error('expected metrics');
    expect(evaluation.metrics.accuracy).toBe(0.25);
    expect(evaluation.metrics.unknownLabelCount).toBe(1);
    expect(evaluation.metrics.confusion.flat().reduce((sum, count) => sum + count, 0)).toBe(3);
  });

  it('says NO_TEST_DATA for zero test images instead of NaN', () => {
    const evaluation = evaluate({
      probabilities: new Float32Array(0),
      labels: new Int32Array(0),
      clusters: [],
      classCount: 3,
    });
    expect(evaluation).toEqual({ status: 'NO_TEST_DATA', n: 0, message: expect.any(String) });
  });
});
