import { MlError } from '../heads/ml-error';

/**
 * Exact (binomial) McNemar test for paired outcomes: `onlyFirstCorrect` images the first rater got right
 * and the second wrong, `onlySecondCorrect` the reverse. Two-sided p = min(1, 2 · P(X ≤ min)) with
 * X ~ Binomial(onlyFirstCorrect + onlySecondCorrect, 1/2). The binomial terms are summed in log space,
 * relative to the largest one, so the tail stays exact where 0.5 ** discordant underflows (beyond
 * 1,074 discordant pairs); it reads 0 only when p itself is below the smallest double.
 */
export function mcnemarExactTest(
  onlyFirstCorrect: number,
  onlySecondCorrect: number,
): { pValue: number; discordant: number } {
  const isCount = (value: number) => Number.isInteger(value) && value >= 0;
  if (!isCount(onlyFirstCorrect) || !isCount(onlySecondCorrect)) {
    throw new MlError(
      'INVALID_METRIC_INPUT',
      `McNemar's test needs counts of discordant pairs, got ${onlyFirstCorrect} and ${onlySecondCorrect}.`,
    );
  }
  const discordant = onlyFirstCorrect + onlySecondCorrect;
  if (discordant === 0) return { pValue: 1, discordant };
  const smaller = Math.min(onlyFirstCorrect, onlySecondCorrect);
  // log C(n, k) − n·log 2 for k = 0 … smaller; the terms grow with k up to n / 2, so the last is the largest.
  const logTerms = new Float64Array(smaller + 1);
  logTerms[0] = -discordant * Math.LN2;
  for (let k = 1; k <= smaller; k++) {
    logTerms[k] = (logTerms[k - 1] as number) + Math.log(discordant - k + 1) - Math.log(k);
  }
  const largest = logTerms[smaller] as number;
  let relativeSum = 0;
  for (const logTerm of logTerms) relativeSum += Math.exp(logTerm - largest);
  const logTail = largest + Math.log(relativeSum);
  return { pValue: Math.min(1, 2 * Math.exp(logTail)), discordant };
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
