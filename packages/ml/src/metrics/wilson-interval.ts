import { MlError } from '../heads/ml-error';

export type Interval = { lower: number; upper: number; level: number };

/**
 * Quantile of the standard normal distribution (Acklam's rational approximation, relative error
 * below 1.2e-9). simple-statistics' probit is only good to about 3e-3 (1.9572 for 0.975), which shifts
 * published interval bounds in the fourth decimal.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1))
    throw new MlError('INVALID_METRIC_INPUT', `Normal quantile needs 0 < p < 1, got ${p}.`);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const poly = (k: number[], x: number) => k.reduce((sum, coefficient) => sum * x + coefficient, 0);
  const tail = (q: number) => poly(c, q) / (poly(d, q) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

/** Wilson score interval for a binomial proportion, without continuity correction (Wilson 1927). */
export function wilsonInterval(successes: number, n: number, level = 0.95): Interval {
  if (n === 0) throw new MlError('NO_TEST_DATA', 'A proportion of zero trials has no interval.');
  if (!(successes >= 0 && successes <= n) || !(level > 0 && level < 1)) {
    throw new MlError(
      'INVALID_METRIC_INPUT',
      `Wilson interval of ${successes}/${n} at level ${level} is undefined.`,
    );
  }
  const z = normalQuantile(1 - (1 - level) / 2);
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half), level };
}
