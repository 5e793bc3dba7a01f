import { describe, expect, it } from 'vitest';
import { isMlError } from '../heads/ml-error';
import { assignSplit, studyUnitInterval } from './assign-split';

describe('assignSplit', () => {
  it('maps the first 48 bits of SHA-256(seed:studyKey) onto the fractions', () => {
    // Digests computed with coreutils: printf 'loupe:study-1' | sha256sum → 0bf2d2c750b7…
    expect(studyUnitInterval('study-1', 'loupe')).toBeCloseTo(0x0bf2d2c750b7 / 2 ** 48, 12);
    expect(assignSplit('study-1')).toBe('TEST'); // 0.0467 < 0.25
    expect(assignSplit('study-7')).toBe('TEST'); // 0x3b6b9d530771 → 0.2321 < 0.25
    expect(assignSplit('study-9')).toBe('VALIDATION'); // 0x4ef90c6a30bb → 0.3085 in [0.25, 0.35)
    expect(assignSplit('study-4')).toBe('TRAIN'); // 0x8af451d5d6dc → 0.5428 ≥ 0.35
    expect(assignSplit('study-7', { testFraction: 0.2 })).toBe('VALIDATION'); // 0.2321 in [0.2, 0.3)
  });

  it('is stable across calls and depends on the seed', () => {
    const keys = Array.from({ length: 200 }, (_, i) => `exam-${i}`);
    const first = keys.map((key) => assignSplit(key));
    expect(keys.map((key) => assignSplit(key))).toEqual(first);
    const reseeded = keys.map((key) => assignSplit(key, { seed: 'other' }));
    expect(reseeded).not.toEqual(first);
  });

  it('hits the requested fractions over 10,000 studies', () => {
    const counts = { TRAIN: 0, VALIDATION: 0, TEST: 0 };
    for (let i = 0; i < 10_000; i++) counts[assignSplit(`study-${i}`)] += 1;
    // Binomial standard deviation at n = 10,000 is at most 0.005; allow four of them.
    expect(Math.abs(counts.TEST / 10_000 - 0.25)).toBeLessThan(0.02);
    expect(Math.abs(counts.VALIDATION / 10_000 - 0.1)).toBeLessThan(0.02);
    expect(Math.abs(counts.TRAIN / 10_000 - 0.65)).toBeLessThan(0.02);
  });

  it('never moves a test study when the validation share changes', () => {
    for (let i = 0; i < 500; i++) {
      const key = `s${i}`;
      const isTest = assignSplit(key) === 'TEST';
      expect(assignSplit(key, { validationFraction: 0 }) === 'TEST').toBe(isTest);
    }
  });

  it('rejects fractions that do not fit in [0, 1]', () => {
    const attempt = (testFraction: number, validationFraction: number) => {
      try {
        assignSplit('x', { testFraction, validationFraction });
        return 'accepted';
      } catch (error) {
        return isMlError(error, 'INVALID_SPLIT_FRACTIONS') ? 'rejected' : 'other error';
      }
    };
    expect(attempt(0.8, 0.3)).toBe('rejected');
    expect(attempt(-0.1, 0)).toBe('rejected');
    expect(attempt(Number.NaN, 0)).toBe('rejected');
    expect(attempt(0.5, 0.5)).toBe('accepted');
  });
});
