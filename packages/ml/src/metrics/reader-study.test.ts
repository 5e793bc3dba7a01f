import { jStat } from 'jstat';
import { describe, expect, it } from 'vitest';
import { isMlError } from '../heads/ml-error';
import { cohensKappa, mcnemarExactTest } from './agreement';
import { summarizeReaderStudy } from './reader-study';
import { wilsonInterval } from './wilson-interval';

describe('mcnemarExactTest against reference values', () => {
  it('reproduces the exact conditional p of Fagerland, Lydersen & Laake (2013), BMC Med Res Methodol 13:91', () => {
    // Their first example (Bentur et al. 2009): 1 and 7 discordant pairs, exact conditional p = 0.070.
    // By hand, as R's binom.test(1, 8) gives it: 2 · (C(8,0) + C(8,1)) / 2⁸ = 18 / 256.
    expect(mcnemarExactTest(1, 7).pValue).toBeCloseTo(18 / 256, 14);
    expect(mcnemarExactTest(7, 1).pValue).toBeCloseTo(0.0703125, 14);
    // binom.test(1, 11): 2 · (1 + 11) / 2¹¹.
    expect(mcnemarExactTest(1, 10).pValue).toBeCloseTo(24 / 2048, 14);
  });

  it('stays exact past 1,074 discordant pairs, where 0.5 ** n underflows', () => {
    // References in exact integer arithmetic with python3's math.comb and fractions.Fraction:
    //   float(min(1, 2 * Fraction(sum(comb(n, k) for k in range(m + 1)), 2 ** n)))
    const reference: [number, number, number][] = [
      [900, 1100, 8.457089535503927e-6],
      [600, 700, 0.0060157938610449525],
      [560, 640, 0.02253662756750957],
      [500, 620, 0.00037241375554407185],
    ];
    for (const [a, b, p] of reference) {
      const { pValue, discordant } = mcnemarExactTest(a, b);
      expect(discordant).toBe(a + b);
      expect(pValue / p).toBeCloseTo(1, 9);
    }
    expect(mcnemarExactTest(1000, 1000).pValue).toBe(1);
    // Beyond every double: still a number, not NaN.
    expect(mcnemarExactTest(0, 5000).pValue).toBe(0);
  });

  it("agrees with jStat's binomial CDF (an independent implementation via the incomplete beta)", () => {
    for (const [a, b] of [
      [3, 12],
      [40, 61],
      [1020, 1109],
      [700, 820],
      [2500, 2620],
    ] as const) {
      const n = a + b;
      const expected = Math.min(1, 2 * jStat.binomial.cdf(Math.min(a, b), n, 0.5));
      // jStat rounds its CDF to 1e-10.
      expect(Math.abs(mcnemarExactTest(a, b).pValue - expected)).toBeLessThan(1e-9);
    }
  });

  it('refuses counts that are not whole and non-negative', () => {
    for (const [a, b] of [
      [-1, 3],
      [1.5, 2],
      [Number.NaN, 0],
    ]) {
      expect(() => mcnemarExactTest(a as number, b as number)).toThrow(/discordant/);
    }
  });
});

describe('wilsonInterval on the figures of Cheng & Malhi (2017)', () => {
  it('brackets CNN 1,109 / 1,423 and radiologist 1,020 / 1,423 as a reference computation does', () => {
    // Reference computed with python3's stdlib: z = statistics.NormalDist().inv_cdf(0.975), then
    // centre = (p + z²/2n) / (1 + z²/n), half = z / (1 + z²/n) · sqrt(p(1 − p)/n + z²/4n²).
    const cnn = wilsonInterval(1109, 1423);
    expect(cnn.lower).toBeCloseTo(0.7570570160644935, 9);
    expect(cnn.upper).toBeCloseTo(0.8001177107317684, 9);
    const radiologist = wilsonInterval(1020, 1423);
    expect(radiologist.lower).toBeCloseTo(0.6928265113138588, 9);
    expect(radiologist.upper).toBeCloseTo(0.7395971445770766, 9);
    // As published: 77.9 % and 71.7 %.
    expect((1109 / 1423) * 100).toBeCloseTo(77.9, 1);
    expect((1020 / 1423) * 100).toBeCloseTo(71.7, 1);
  });
});

describe("cohensKappa on Cohen's (1960) 3 × 3 example", () => {
  it('gives (0.70 − 0.41) / (1 − 0.41) for the table of proportions in Cohen 1960 (n = 200)', () => {
    // Cohen (1960), Educ Psychol Meas 20:37–46: p_o = .44 + .20 + .06 = .70; marginals .60/.30/.10 and
    // .50/.30/.20 give p_c = .30 + .09 + .02 = .41; kappa = .29 / .59 = .492. Scaled to 200 images.
    const table = [
      [88, 14, 18],
      [10, 40, 10],
      [2, 6, 12],
    ];
    const first: number[] = [];
    const second: number[] = [];
    table.forEach((row, a) => {
      row.forEach((count, b) => {
        for (let i = 0; i < count; i++) {
          first.push(a);
          second.push(b);
        }
      });
    });
    expect(cohensKappa(first, second, 3)).toBeCloseTo(0.29 / 0.59, 12);
    expect(cohensKappa(first, second, 3)).toBeCloseTo(0.492, 3);
  });
});

describe('summarizeReaderStudy', () => {
  // Six images of three studies; the reader skipped the last one, the model read them all.
  const input = {
    truth: [0, 0, 1, 1, 2, 2],
    clusters: ['a', 'a', 'b', 'b', 'c', 'c'],
    classCount: 3,
    raters: [
      {
        key: 'reader',
        calls: [
          { first: 0, second: null, timeMs: 1000 },
          { first: 1, second: 0, timeMs: 2000 },
          { first: 1, second: null, timeMs: 3000 },
          { first: 1, second: 0, timeMs: 4000 },
          { first: 2, second: null, timeMs: 5000 },
          null,
        ],
      },
      {
        key: 'model',
        calls: [
          { first: 0, second: 1 },
          { first: 0, second: 1 },
          { first: 2, second: 1 },
          { first: 1, second: 0 },
          { first: 2, second: 0 },
          { first: 2, second: 0 },
        ],
      },
    ],
    bootstrap: { iterations: 500 },
  };

  it('scores each rater on the images it answered', () => {
    const { raters } = summarizeReaderStudy(input);
    const [reader, model] = raters;
    expect(reader?.answered).toBe(5);
    expect(reader?.accuracy).toMatchObject({ successes: 4, total: 5, estimate: 0.8 });
    expect(reader?.accuracy?.wilson).toEqual(wilsonInterval(4, 5));
    expect(reader?.top2Accuracy).toMatchObject({ successes: 5, total: 5, estimate: 1 });
    expect(reader?.confusion).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [0, 0, 1],
    ]);
    expect(reader?.perClassRecall).toEqual([0.5, 1, 1]);
    expect(reader?.readingTime).toEqual({ medianMs: 3000, totalMs: 15000 });
    expect(reader?.accuracy?.bootstrap.clusterCount).toBe(3);
    expect(model?.accuracy).toMatchObject({ successes: 5, total: 6 });
    expect(model?.top2Accuracy).toMatchObject({ successes: 6, total: 6 });
    expect(model?.readingTime).toBeNull();
    for (const summary of [reader, model]) {
      const { lower, upper } = summary!.accuracy!.bootstrap;
      expect(lower).toBeLessThanOrEqual(summary!.accuracy!.estimate);
      expect(upper).toBeGreaterThanOrEqual(summary!.accuracy!.estimate);
    }
  });

  it('pairs raters on the images both answered', () => {
    const [comparison] = summarizeReaderStudy(input).comparisons;
    expect(comparison).toMatchObject({
      firstKey: 'reader',
      secondKey: 'model',
      paired: 5,
      bothCorrect: 3,
      onlyFirstCorrect: 1,
      onlySecondCorrect: 1,
      neitherCorrect: 0,
      mcnemarPValue: 1,
    });
    // First calls 0,1,1,1,2 against 0,0,2,1,2: p_o = 3/5, p_e = (1·2 + 3·1 + 1·2) / 25 = 7/25.
    expect(comparison?.kappa).toBeCloseTo((0.6 - 0.28) / 0.72, 12);
  });

  it('reports no accuracy for a rater who has answered nothing', () => {
    const summary = summarizeReaderStudy({
      ...input,
      raters: [{ key: 'late', calls: input.truth.map(() => null) }],
    });
    expect(summary.raters[0]).toMatchObject({ answered: 0, accuracy: null, top2Accuracy: null });
  });

  it('refuses calls outside the classes and misaligned inputs with INVALID_METRIC_INPUT', () => {
    const attempt = (change: object) => {
      try {
        summarizeReaderStudy({ ...input, ...change });
        return 'accepted';
      } catch (error) {
        return isMlError(error, 'INVALID_METRIC_INPUT') ? 'rejected' : String(error);
      }
    };
    expect(attempt({ clusters: ['a'] })).toBe('rejected');
    expect(attempt({ truth: [0, 0, 1, 1, 2, 3] })).toBe('rejected');
    expect(attempt({ raters: [{ key: 'x', calls: [{ first: 5, second: null }] }] })).toBe('rejected');
    expect(attempt({})).toBe('accepted');
  });
});
