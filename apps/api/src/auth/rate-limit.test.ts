import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit';

describe('rate limiter', () => {
  it('allows the given number of attempts per key and window, then refuses until the window ends', () => {
    let clock = 0;
    const limiter = createRateLimiter({ points: 3, windowMs: 1000, now: () => clock });
    expect([1, 2, 3, 4].map(() => limiter.consume('a'))).toEqual([true, true, true, false]);
    expect(limiter.consume('b')).toBe(true);
    clock = 999;
    expect(limiter.consume('a')).toBe(false);
    clock = 1000;
    expect(limiter.consume('a')).toBe(true);
  });

  it('starts a key over when reset', () => {
    const limiter = createRateLimiter({ points: 1, windowMs: 1000, now: () => 0 });
    expect(limiter.consume('a')).toBe(true);
    expect(limiter.consume('a')).toBe(false);
    limiter.reset('a');
    expect(limiter.consume('a')).toBe(true);
  });

  it('tells whether a key is used up without counting an attempt', () => {
    let clock = 0;
    const limiter = createRateLimiter({ points: 2, windowMs: 1000, now: () => clock });
    expect(limiter.isExhausted('a')).toBe(false);
    limiter.consume('a');
    expect(limiter.isExhausted('a')).toBe(false);
    limiter.consume('a');
    expect([limiter.isExhausted('a'), limiter.isExhausted('a')]).toEqual([true, true]);
    clock = 1000;
    expect(limiter.isExhausted('a')).toBe(false);
  });
});
