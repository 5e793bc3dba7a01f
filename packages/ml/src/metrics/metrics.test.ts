import { describe, expect, it } from 'vitest';
import { accuracy, topKAccuracy } from './accuracy';
import { cohensKappa, mcnemarExactTest } from './agreement';
import { expectedCalibrationError, reliabilityDiagram } from './calibration';
import { predictedClasses } from './class-ranking';
import { confusionMatrix, macroF1, perClassPrecisionRecallF1 } from './confusion';
import { fourImages } from './test-fixture';

const { probabilities, labels, classCount } = fourImages;

describe('accuracy and top-k', () => {
  it('counts the label at rank 1 and within rank 2', () => {
    const predicted = predictedClasses(probabilities, classCount);
    expect([...predicted]).toEqual([0, 1, 2, 2]);
    expect(accuracy(predicted, labels)).toBe(0.5);
    expect(topKAccuracy(probabilities, labels, classCount, 1)).toBe(0.5);
    expect(topKAccuracy(probabilities, labels, classCount, 2)).toBe(1);
  });

  it('counts a label the model does not know (−1) as wrong at every k', () => {
    expect(topKAccuracy(probabilities, new Int32Array([0, 2, 1, -1]), classCount, 3)).toBe(0.75);
  });

  it('refuses zero images with a typed error', () => {
    expect(() => accuracy([], [])).toThrowError(expect.objectContaining({ code: 'NO_TEST_DATA' }));
  });
});

describe('confusion matrix and per-class scores', () => {
  const confusion = confusionMatrix(predictedClasses(probabilities, classCount), labels, classCount);

  it('puts true classes in rows and predictions in columns', () => {
    expect(confusion).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [0, 1, 1],
    ]);
  });

  it('computes precision, recall and F1, and their macro mean', () => {
    const perClass = perClassPrecisionRecallF1(confusion);
    expect(perClass.map(({ precision, recall, f1 }) => [precision, recall, f1])).toEqual([
      [1, 1, 1],
      [0, 0, 0],
      [0.5, 0.5, 0.5],
    ]);
    expect(macroF1(perClass)).toBe(0.5);
  });

  it('gives null, not NaN, for a class that is neither labelled nor predicted', () => {
    const perClass = perClassPrecisionRecallF1([
      [2, 0],
      [0, 0],
    ]);
    expect(perClass[1]).toMatchObject({ precision: null, recall: null, f1: null, support: 0 });
    expect(macroF1(perClass)).toBe(1);
  });
});

describe('calibration', () => {
  it('bins top-1 confidence and weighs |accuracy − confidence| by bin size', () => {
    const bins = reliabilityDiagram(probabilities, labels, classCount, 10);
    // (0.4, 0.5]: images 1 and 2, both wrong, mean confidence 0.46; (0.7, 0.8]: images 0 and 3, both right, 0.75.
    expect(bins[4]).toMatchObject({ count: 2, accuracy: 0 });
    expect(bins[4]?.meanConfidence).toBeCloseTo(0.46, 6);
    expect(bins[7]).toMatchObject({ count: 2, accuracy: 1 });
    expect(bins[7]?.meanConfidence).toBeCloseTo(0.75, 6);
    expect(bins.filter((bin) => bin.count === 0)).toHaveLength(8);
    // ECE = 2/4 · 0.46 + 2/4 · 0.25 = 0.355
    expect(expectedCalibrationError(probabilities, labels, 10)).toBeCloseTo(0.355, 6);
  });
});

describe('reader-study agreement', () => {
  it("gives Cohen's kappa 0.4 for the 2 × 2 table 20, 5 / 10, 15", () => {
    // Agreement (20 + 15) / 50 = 0.7; chance 0.5 · 0.6 + 0.5 · 0.4 = 0.5; κ = (0.7 − 0.5) / (1 − 0.5).
    const first = [...new Array(25).fill(0), ...new Array(25).fill(1)];
    const second = [
      ...new Array(20).fill(0),
      ...new Array(5).fill(1),
      ...new Array(10).fill(0),
      ...new Array(15).fill(1),
    ];
    expect(cohensKappa(first, second, 2)).toBeCloseTo(0.4, 10);
  });

  it('gives the exact McNemar p-value 2 · (1 + 9) / 2⁹ for 1 against 8 discordant pairs', () => {
    expect(mcnemarExactTest(1, 8).pValue).toBeCloseTo(0.0390625, 12);
    expect(mcnemarExactTest(8, 1).pValue).toBeCloseTo(0.0390625, 12);
    expect(mcnemarExactTest(5, 5).pValue).toBe(1);
    expect(mcnemarExactTest(0, 0)).toEqual({ pValue: 1, discordant: 0 });
  });
});
