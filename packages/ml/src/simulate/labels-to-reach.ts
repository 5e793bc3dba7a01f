import type { CurvePoint } from './types';

/**
 * Labels at which a learning curve first reaches `target` accuracy, interpolated linearly between the
 * last round below the target and the first at or above it; the first point's labels when it already
 * reaches it; null when the curve never does. Points must be in increasing label order.
 */
export function labelsToReach(
  curve: readonly Pick<CurvePoint, 'labels' | 'accuracy'>[],
  target: number,
): number | null {
  const index = curve.findIndex((point) => point.accuracy >= target);
  if (index < 0) return null;
  const reached = curve[index] as CurvePoint;
  const before = curve[index - 1];
  if (!before) return reached.labels;
  const share = (target - before.accuracy) / (reached.accuracy - before.accuracy);
  return before.labels + share * (reached.labels - before.labels);
}
