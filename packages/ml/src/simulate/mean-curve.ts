import type { CurvePoint } from './types';

/** Mean over seeds at one label count, with the lowest and highest seed. */
export type BandPoint = {
  labels: number;
  accuracy: number;
  minAccuracy: number;
  maxAccuracy: number;
  top2Accuracy: number;
  seedCount: number;
};

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * The mean curve of several seeds' curves over the label counts that every curve has (seeds hold out
 * different studies, so their pools, and hence their last rounds, can differ in size).
 */
export function meanCurve(curves: readonly (readonly CurvePoint[])[]): BandPoint[] {
  if (curves.length === 0) return [];
  const byLabels = new Map<number, CurvePoint[]>();
  for (const curve of curves) {
    for (const point of curve) byLabels.set(point.labels, [...(byLabels.get(point.labels) ?? []), point]);
  }
  return [...byLabels.entries()]
    .filter(([, points]) => points.length === curves.length)
    .sort(([a], [b]) => a - b)
    .map(([labels, points]) => {
      const accuracies = points.map((point) => point.accuracy);
      return {
        labels,
        accuracy: mean(accuracies),
        minAccuracy: Math.min(...accuracies),
        maxAccuracy: Math.max(...accuracies),
        top2Accuracy: mean(points.map((point) => point.top2Accuracy)),
        seedCount: points.length,
      };
    });
}
