/** The part of jStat (no bundled types) that Loupe uses. */
declare module 'jstat' {
  export const jStat: {
    binomial: {
      /** P(X ≤ k) for X ~ Binomial(n, p), rounded to 1e-10. */
      cdf(k: number, n: number, p: number): number;
    };
  };
}
