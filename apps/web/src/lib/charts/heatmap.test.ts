import { describe, expect, it } from 'vitest';
import { fillPercent, heatmapCells, needsLightText } from './heatmap';

describe('confusion heatmap', () => {
  it('shades each cell by its share of the true class', () => {
    const cells = heatmapCells([
      [3, 1],
      [0, 0],
    ]);
    expect(cells).toEqual([
      { row: 0, column: 0, count: 3, share: 0.75, isCorrect: true },
      { row: 0, column: 1, count: 1, share: 0.25, isCorrect: false },
      { row: 1, column: 0, count: 0, share: 0, isCorrect: false },
      { row: 1, column: 1, count: 0, share: 0, isCorrect: true },
    ]);
  });

  it('reads ragged rows as zeros and an empty matrix as no cells', () => {
    expect(heatmapCells([[2], [1, 1]]).map((cell) => cell.count)).toEqual([2, 0, 1, 1]);
    expect(heatmapCells([])).toEqual([]);
  });

  it('keeps empty cells unfilled and text readable on strong fills', () => {
    expect(fillPercent(0, 0)).toBe(0);
    expect(fillPercent(0.01, 1)).toBeGreaterThan(0);
    expect(fillPercent(1, 10)).toBe(90);
    expect(fillPercent(2, 10)).toBe(90);
    expect(needsLightText(0.9)).toBe(true);
    expect(needsLightText(0.2)).toBe(false);
  });
});
