import { describe, expect, it } from 'vitest';
import { gridLayout, gridRowCount, gridRowItems, isNearGridEnd } from './grid-layout';

describe('gridLayout', () => {
  it('fits as many minimum-width cells as the gaps allow', () => {
    // 4 cells of 200 plus 3 gaps of 16 need 848 px.
    expect(gridLayout(848, 200, 16)).toEqual({ columns: 4, cellWidth: 200 });
    expect(gridLayout(847, 200, 16).columns).toBe(3);
  });

  it('stretches the cells over the spare width', () => {
    expect(gridLayout(1000, 200, 20)).toEqual({ columns: 4, cellWidth: 235 });
  });

  it('keeps one column when the width is too small or unknown', () => {
    expect(gridLayout(120, 200, 16)).toEqual({ columns: 1, cellWidth: 120 });
    expect(gridLayout(0, 200, 16)).toEqual({ columns: 1, cellWidth: 0 });
  });
});

describe('grid rows', () => {
  const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

  it('counts partial rows', () => {
    expect(gridRowCount(7, 3)).toBe(3);
    expect(gridRowCount(6, 3)).toBe(2);
    expect(gridRowCount(0, 3)).toBe(0);
  });

  it('slices a row, the last one short', () => {
    expect(gridRowItems(items, 1, 3)).toEqual(['d', 'e', 'f']);
    expect(gridRowItems(items, 2, 3)).toEqual(['g']);
    expect(gridRowItems(items, 3, 3)).toEqual([]);
  });

  it('asks for more near the end only', () => {
    expect(isNearGridEnd(7, 10, 2)).toBe(true);
    expect(isNearGridEnd(6, 10, 2)).toBe(false);
    expect(isNearGridEnd(0, 0, 2)).toBe(true);
  });
});
