export type HeatmapCell = {
  row: number;
  column: number;
  count: number;
  /** Share of the row (the true class) that landed in this cell; 0 for an empty row. */
  share: number;
  /** Whether the cell is on the diagonal (a correct prediction). */
  isCorrect: boolean;
};

/**
 * The cells of a confusion matrix (rows: true class, columns: predicted class), shaded by their share of the
 * row so a rare class's errors show as clearly as a common one's. Ragged rows are read as zeros.
 */
export function heatmapCells(confusion: readonly (readonly number[])[]): HeatmapCell[] {
  const size = Math.max(confusion.length, ...confusion.map((row) => row.length));
  const cells: HeatmapCell[] = [];
  for (let row = 0; row < size; row += 1) {
    const values = confusion[row] ?? [];
    const total = values.reduce((sum, value) => sum + value, 0);
    for (let column = 0; column < size; column += 1) {
      const count = values[column] ?? 0;
      cells.push({ row, column, count, share: total > 0 ? count / total : 0, isCorrect: row === column });
    }
  }
  return cells;
}

/** Whether a cell's text should be light: on a fill stronger than about half the accent colour. */
export function needsLightText(share: number): boolean {
  return share > 0.55;
}

/** The fill's strength in percent of the accent colour: a faint tint for any non-zero count, up to 90 %. */
export function fillPercent(share: number, count: number): number {
  if (count <= 0) return 0;
  return Math.round(8 + Math.min(1, Math.max(0, share)) * 82);
}
