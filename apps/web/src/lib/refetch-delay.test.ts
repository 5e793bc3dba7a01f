import { describe, expect, it } from 'vitest';
import { REFETCH_DELAY_MS, REFETCH_SPREAD_MS, refetchDelay } from './refetch-delay';

describe('refetchDelay', () => {
  it('waits out the burst, then spreads queues over the spread', () => {
    expect(refetchDelay(() => 0)).toBe(REFETCH_DELAY_MS);
    expect(refetchDelay(() => 0.5)).toBe(REFETCH_DELAY_MS + REFETCH_SPREAD_MS / 2);
    expect(refetchDelay(() => 0.999_999)).toBeLessThan(REFETCH_DELAY_MS + REFETCH_SPREAD_MS);
  });

  it('gives fifty queues different moments', () => {
    const delays = Array.from({ length: 50 }, () => refetchDelay());
    expect(new Set(delays).size).toBeGreaterThan(25);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(REFETCH_DELAY_MS);
  });
});
