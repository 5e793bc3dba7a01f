export type Point = { x: number; y: number };
export type BandPoint = { x: number; lower: number; upper: number };

const round = (value: number) => Math.round(value * 100) / 100;

/** An SVG path through the points in order ("M x y L x y …"); empty for no points. */
export function linePath(points: readonly Point[]): string {
  return points
    .map((point, index) => `${index === 0 ? 'M' : 'L'}${round(point.x)} ${round(point.y)}`)
    .join(' ');
}

/**
 * A closed SVG path around an interval band: along the upper bounds left to right, back along the lower
 * bounds. One point gives a vertical bar of the interval; no points give an empty path.
 */
export function bandPath(points: readonly BandPoint[]): string {
  if (points.length === 0) return '';
  const upper = points.map((point) => ({ x: point.x, y: point.upper }));
  const lower = [...points].reverse().map((point) => ({ x: point.x, y: point.lower }));
  return `${linePath([...upper, ...lower])} Z`;
}

/**
 * Runs of consecutive entries with a value: a chart draws each run as its own line or band so a missing
 * value (a model version without test images) leaves a gap instead of a misleading straight line.
 */
export function definedRuns<T>(items: readonly T[], isDefined: (item: T) => boolean): T[][] {
  const runs: T[][] = [];
  let current: T[] = [];
  for (const item of items) {
    if (isDefined(item)) current.push(item);
    else if (current.length > 0) {
      runs.push(current);
      current = [];
    }
  }
  if (current.length > 0) runs.push(current);
  return runs;
}
