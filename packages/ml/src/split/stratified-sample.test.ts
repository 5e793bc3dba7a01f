import { describe, expect, it } from 'vitest';
import { isMlError } from '../heads/ml-error';
import { stratifiedSample } from './stratified-sample';

describe('stratifiedSample', () => {
  // 60 of class a, 30 of b, 10 of c.
  const items = Array.from({ length: 100 }, (_, i) => ({
    id: i,
    stratum: i < 60 ? 'a' : i < 90 ? 'b' : 'c',
  }));
  const count = (sample: typeof items, stratum: string) =>
    sample.filter((item) => item.stratum === stratum).length;

  it('keeps each stratum its share, the largest remainders rounded up', () => {
    const sample = stratifiedSample(items, (item) => item.stratum, 10, 's');
    expect([count(sample, 'a'), count(sample, 'b'), count(sample, 'c')]).toEqual([6, 3, 1]);
    // 15 · (0.6, 0.3, 0.1) = 9, 4.5, 1.5: one place left, equal remainders, the larger stratum gets it.
    const odd = stratifiedSample(items, (item) => item.stratum, 15, 's');
    expect([count(odd, 'a'), count(odd, 'b'), count(odd, 'c')]).toEqual([9, 5, 1]);
    expect(new Set(odd.map((item) => item.id)).size).toBe(15);
  });

  it('is the same sample for the same seed and another for another seed', () => {
    const ids = (seed: string) =>
      stratifiedSample(items, (item) => item.stratum, 20, seed).map((item) => item.id);
    expect(ids('one')).toEqual(ids('one'));
    expect(ids('two')).not.toEqual(ids('one'));
  });

  it('refuses a size of zero or more than there are items', () => {
    for (const size of [0, 101, 2.5]) {
      try {
        stratifiedSample(items, (item) => item.stratum, size, 's');
        expect.unreachable(`size ${size} was accepted`);
      } catch (error) {
        expect(isMlError(error, 'INVALID_METRIC_INPUT')).toBe(true);
      }
    }
  });
});
