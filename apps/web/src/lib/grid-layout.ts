export type GridLayout = {
  columns: number;
  /** Width of one cell in pixels. */
  cellWidth: number;
};

/** How many cells of at least `minCellWidth` fit in `width`, with `gap` between them (always ≥ 1). */
export function gridLayout(width: number, minCellWidth: number, gap: number): GridLayout {
  const usable = Math.max(0, width);
  const columns = Math.max(1, Math.floor((usable + gap) / (minCellWidth + gap)));
  const cellWidth = Math.max(0, (usable - gap * (columns - 1)) / columns);
  return { columns, cellWidth };
}

export function gridRowCount(itemCount: number, columns: number): number {
  return Math.ceil(itemCount / Math.max(1, columns));
}

/** The items shown in row `rowIndex` of a grid with `columns` columns. */
export function gridRowItems<T>(items: readonly T[], rowIndex: number, columns: number): T[] {
  const start = rowIndex * columns;
  return items.slice(start, start + columns);
}

/** Whether the grid should ask for more items: the last row drawn is within `threshold` rows of the end. */
export function isNearGridEnd(lastVisibleRow: number, rowCount: number, threshold: number): boolean {
  return rowCount === 0 || lastVisibleRow >= rowCount - 1 - threshold;
}
