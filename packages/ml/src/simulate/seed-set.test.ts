import { describe, expect, it } from 'vitest';
import { drawSeedSet } from './seed-set';

// Images 0…29: class 0 for 0–19, class 1 for 20–26, class 2 for 27–29.
const labels = Int32Array.from({ length: 30 }, (_, i) => (i < 20 ? 0 : i < 27 ? 1 : 2));
const pool = Array.from({ length: 30 }, (_, i) => i);
const classesOf = (picked: number[]) => picked.map((index) => labels[index]);
const countOf = (picked: number[], c: number) => classesOf(picked).filter((label) => label === c).length;

describe('drawSeedSet', () => {
  it('takes the classes in turn, so a rare class is represented', () => {
    const picked = drawSeedSet(pool, labels, 6, 'a');
    expect(picked).toHaveLength(6);
    expect([0, 1, 2].map((c) => countOf(picked, c))).toEqual([2, 2, 2]);
  });

  it('fills up from the other classes once a class runs out', () => {
    const picked = drawSeedSet(pool, labels, 12, 'a');
    expect([0, 1, 2].map((c) => countOf(picked, c))).toEqual([5, 4, 3]);
    expect(new Set(picked).size).toBe(12);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(drawSeedSet(pool, labels, 6, 'a')).toEqual(drawSeedSet(pool, labels, 6, 'a'));
    expect(drawSeedSet(pool, labels, 6, 'a')).not.toEqual(drawSeedSet(pool, labels, 6, 'b'));
  });

  it('gives distinct classes when the set is smaller than the class count, and the whole pool at most', () => {
    expect(new Set(classesOf(drawSeedSet(pool, labels, 2, 'c'))).size).toBe(2);
    expect(drawSeedSet([3, 25], labels, 10, 'c').sort()).toEqual([25, 3].sort());
  });
});
