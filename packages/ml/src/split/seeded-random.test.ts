import { describe, expect, it } from 'vitest';
import { createNormalRandom, createRandom, shuffleInPlace } from './seeded-random';

describe('createRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = createRandom('s');
    const b = createRandom('s');
    const c = createRandom('t');
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
  });

  it('keeps the sequence splits and intervals were computed with', () => {
    // sfc32 seeded from SHA-256('loupe'): the first four draws, and the 99,997th.
    const random = createRandom('loupe');
    expect(Array.from({ length: 4 }, () => random())).toEqual([
      0.17789467703551054, 0.5040985418017954, 0.5889380781445652, 0.9230406025890261,
    ]);
    for (let i = 0; i < 99_992; i++) random();
    expect(random()).toBe(0.7031556740403175);
  });

  it('is uniform on [0, 1): mean 1/2 and variance 1/12', () => {
    const random = createRandom('uniform');
    let sum = 0;
    let sumOfSquares = 0;
    let outside = 0;
    for (let i = 0; i < 50_000; i++) {
      const value = random();
      if (value < 0 || value >= 1) outside += 1;
      sum += value;
      sumOfSquares += value * value;
    }
    expect(outside).toBe(0);
    const mean = sum / 50_000;
    expect(mean).toBeCloseTo(0.5, 2);
    expect(sumOfSquares / 50_000 - mean * mean).toBeCloseTo(1 / 12, 2);
  });

  it('draws standard normals', () => {
    const normal = createNormalRandom('normal');
    const draws = Array.from({ length: 50_000 }, normal);
    const mean = draws.reduce((sum, value) => sum + value, 0) / draws.length;
    const variance = draws.reduce((sum, value) => sum + (value - mean) ** 2, 0) / draws.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(variance).toBeCloseTo(1, 1);
  });

  it('shuffles into a permutation', () => {
    const values = Int32Array.from({ length: 100 }, (_, i) => i);
    shuffleInPlace(values, createRandom('p'));
    expect([...values].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...values]).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});
