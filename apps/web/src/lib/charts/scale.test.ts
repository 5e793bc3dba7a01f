import { describe, expect, it } from 'vitest';
import { bandLayout, linearScale, niceStep, niceTicks } from './scale';

describe('chart scales', () => {
  it('maps a domain onto a range, flipped ranges included', () => {
    const y = linearScale([0, 10], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(10)).toBe(0);
    expect(y(2.5)).toBe(150);
    expect(linearScale([3, 3], [0, 100])(3)).toBe(50);
  });

  it('picks steps of 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(10, 5)).toBe(2);
    expect(niceStep(1, 5)).toBe(0.2);
    expect(niceStep(37, 4)).toBe(10);
    expect(niceStep(0, 5)).toBe(1);
  });

  it('covers the data with round ticks', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 23, 5)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(niceTicks(0, 23, 4)).toEqual([0, 10, 20, 30]);
    expect(niceTicks(0.71, 0.88, 4)).toEqual([0.7, 0.75, 0.8, 0.85, 0.9]);
    expect(niceTicks(0, 3, 5, { integer: true })).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0, 0, 5, { integer: true })).toEqual([0, 1]);
    expect(niceTicks(Number.NaN, 1)).toEqual([0, 1]);
  });

  it('lays out bands with a gap on both sides', () => {
    const bands = bandLayout(4, [0, 100], 0.2);
    expect(bands.width).toBe(20);
    expect(bands.start(0)).toBe(2.5);
    expect(bands.start(3)).toBe(77.5);
    expect(bandLayout(0, [0, 100]).width).toBe(0);
  });
});
