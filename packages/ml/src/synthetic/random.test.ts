import { describe, expect, it } from 'vitest';
import { createRandom, hashSeed, mulberry32 } from './random';

describe('mulberry32', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const take = (seed: number) => Array.from({ length: 5 }, mulberry32(seed));
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
  });

  it('is uniform on [0, 1)', () => {
    const next = mulberry32(7);
    const values = Array.from({ length: 20000 }, next);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeCloseTo(0.5, 2);
  });
});

describe('hashSeed', () => {
  it('depends on every part and on their order', () => {
    expect(hashSeed(1, 2)).toBe(hashSeed(1, 2));
    expect(hashSeed(1, 2)).not.toBe(hashSeed(2, 1));
    expect(hashSeed(1, 2)).not.toBe(hashSeed(1, 3));
    expect(hashSeed(1, 2, 0)).not.toBe(hashSeed(1, 2));
  });
});

describe('createRandom', () => {
  it('draws standard normals', () => {
    const random = createRandom(3);
    const values = Array.from({ length: 20000 }, () => random.normal());
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
    expect(mean).toBeCloseTo(0, 1);
    expect(variance).toBeCloseTo(1, 1);
  });

  it('picks only from the list and refuses an empty one', () => {
    const random = createRandom(5);
    const picks = new Set(Array.from({ length: 50 }, () => random.pick(['a', 'b', 'c'])));
    expect([...picks].sort()).toEqual(['a', 'b', 'c']);
    expect(() => random.pick([])).toThrow();
  });
});
