import { describe, expect, it } from 'vitest';
import { bandPath, definedRuns, linePath } from './paths';

describe('chart paths', () => {
  it('draws a line through points, rounded to hundredths', () => {
    expect(linePath([])).toBe('');
    expect(
      linePath([
        { x: 0, y: 10 },
        { x: 5.123, y: 2 },
        { x: 10, y: 0 },
      ]),
    ).toBe('M0 10 L5.12 2 L10 0');
  });

  it('closes a band along the upper bounds and back along the lower ones', () => {
    expect(bandPath([])).toBe('');
    expect(
      bandPath([
        { x: 0, lower: 8, upper: 4 },
        { x: 10, lower: 6, upper: 2 },
      ]),
    ).toBe('M0 4 L10 2 L10 6 L0 8 Z');
    expect(bandPath([{ x: 3, lower: 9, upper: 1 }])).toBe('M3 1 L3 9 Z');
  });

  it('splits a series at missing values', () => {
    const values = [1, null, 2, 3, null, null, 4];
    expect(definedRuns(values, (value) => value !== null)).toEqual([[1], [2, 3], [4]]);
    expect(definedRuns([null], (value) => value !== null)).toEqual([]);
  });
});
