import { MlError } from '../heads/ml-error';

/**
 * Exact (binomial) McNemar test for paired outcomes: `onlyFirstCorrect` images the first rater got right
 * and the second wrong, `onlySecondCorrect` the reverse. Two-sided p = min(1, 2 · P(X ≤ min)) with
 * X ~ Binomial(onlyFirstCorrect + onlySecondCorrect, 1/2).
 */
export function mcnemarExactTest(
  onlyFirstCorrect: number,
  onlySecondCorrect: number,
): { pValue: number; discordant: number } {
  const discordant = onlyFirstCorrect + onlySecondCorrect;
  if (discordant === 0) return { pValue: 1, discordant };
  const smaller = Math.min(onlyFirstCorrect, onlySecondCorrect);
  let term = 0.5 ** discordant;
  let tail = term;
  for (let k = 1; k <= smaller; k++) {
    term = (term * (discordant - k + 1)) / k;
    tail += term;
  }
  return { pValue: Math.min(1, 2 * tail), discordant };
}

/** Cohen's kappa between two raters' class assignments of the same images: (p_o − p_e) / (1 − p_e). */
export function cohensKappa(
  first: ArrayLike<number>,
  second: ArrayLike<number>,
  classCount: number,
): number | null {
  if (first.length !== second.length) {
    throw new MlError('INVALID_METRIC_INPUT', `${first.length} ratings against ${second.length}.`);
  }
  const n = first.length;
  if (n === 0) return null;
  const firstCounts = new Array<number>(classCount).fill(0);
  const secondCounts = new Array<number>(classCount).fill(0);
  let agreements = 0;
  for (let i = 0; i < n; i++) {
    const a = first[i] as number;
    const b = second[i] as number;
    firstCounts[a] = (firstCounts[a] ?? 0) + 1;
    secondCounts[b] = (secondCounts[b] ?? 0) + 1;
    if (a === b) agreements += 1;
  }
  const observed = agreements / n;
  const expected = firstCounts.reduce((sum, count, c) => sum + (count / n) * ((secondCounts[c] ?? 0) / n), 0);
  return expected === 1 ? null : (observed - expected) / (1 - expected);
}
