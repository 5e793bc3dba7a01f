import { describe, expect, it } from 'vitest';
import { formatInterval, formatPercent, formatRatio, readRawMetrics } from './model-metrics';

const perClass = [
  { classIndex: 0, support: 4, predictedCount: 3, truePositives: 3, precision: 1, recall: 0.75, f1: 0.857 },
  { classIndex: 1, support: 0, predictedCount: 1, truePositives: 0, precision: 0, recall: null, f1: null },
];
const reliability = [{ lower: 0, upper: 0.1, count: 0, meanConfidence: null, accuracy: null }];

describe('raw model metrics', () => {
  it('reads the per-class table and the reliability bins', () => {
    const read = readRawMetrics({ n: 5, perClass, reliability, confusion: [[3]] });
    expect(read.perClass).toEqual(perClass);
    expect(read.reliability).toEqual(reliability);
  });

  it('gives null for what is missing or malformed, never throwing', () => {
    expect(readRawMetrics({ status: 'NO_TEST_DATA' })).toEqual({ perClass: null, reliability: null });
    expect(readRawMetrics(null)).toEqual({ perClass: null, reliability: null });
    expect(readRawMetrics({ perClass: [{ classIndex: 'a' }], reliability: 'x' })).toEqual({
      perClass: null,
      reliability: null,
    });
  });

  it('formats percentages, intervals and ratios', () => {
    expect(formatPercent(0.8421)).toBe('84.2 %');
    expect(formatPercent(null)).toBe('–');
    expect(formatInterval(0.71, 0.925)).toBe('71.0–92.5 %');
    expect(formatInterval(null, 0.9)).toBeNull();
    expect(formatRatio(0.8571)).toBe('0.86');
    expect(formatRatio(undefined)).toBe('–');
  });
});
