import { describe, expect, it } from 'vitest';
import { clusterBootstrapInterval, clusterBootstrapIntervals } from './cluster-bootstrap';
import { normalQuantile, wilsonInterval } from './wilson-interval';

describe('wilsonInterval', () => {
  it('reproduces Newcombe (1998), Statistics in Medicine 17:857–872, Table I, method 3 (score, no correction)', () => {
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [successes, n, lower, upper] of cases) {
      const interval = wilsonInterval(successes, n, 0.95);
      expect(interval.lower).toBeCloseTo(lower, 4);
      expect(interval.upper).toBeCloseTo(upper, 4);
    }
  });

  it('uses the exact normal quantile (1.959964 for 97.5 %)', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.005)).toBeCloseTo(-2.575829304, 8);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('refuses zero trials with NO_TEST_DATA', () => {
    expect(() => wilsonInterval(0, 0)).toThrowError(expect.objectContaining({ code: 'NO_TEST_DATA' }));
  });
});

describe('clusterBootstrapIntervals', () => {
  it('gives each accuracy the interval it gets alone, from one set of resampled studies', () => {
    const clusters = Array.from({ length: 60 }, (_, i) => `study ${i % 17}`);
    const top1 = clusters.map((_, i) => (i * 7) % 5 < 3);
    const top2 = top1.map((hit, i) => hit || i % 3 === 0);
    expect(clusterBootstrapIntervals([top1, top2], clusters, { iterations: 300 })).toEqual([
      clusterBootstrapInterval(top1, clusters, { iterations: 300 }),
      clusterBootstrapInterval(top2, clusters, { iterations: 300 }),
    ]);
  });
});

describe('clusterBootstrapInterval', () => {
  const studies = Array.from({ length: 200 }, (_, i) => `study-${Math.floor(i / 10)}`);
  // 20 studies of 10 images; the first 10 studies all right, the last 10 all wrong.
  const correlated = studies.map((_, i) => i < 100);

  it('is wide when whole studies are right or wrong together', () => {
    const interval = clusterBootstrapInterval(correlated, studies, { seed: 's' });
    expect(interval.estimate).toBe(0.5);
    expect(interval.clusterCount).toBe(20);
    // Resampling 20 studies: standard error √(0.25 / 20) ≈ 0.112, so about 0.5 ± 0.22.
    expect(interval.lower).toBeGreaterThan(0.25);
    expect(interval.lower).toBeLessThan(0.35);
    expect(interval.upper).toBeGreaterThan(0.65);
    expect(interval.upper).toBeLessThan(0.75);
    const wilson = wilsonInterval(100, 200);
    expect(interval.upper - interval.lower).toBeGreaterThan(2 * (wilson.upper - wilson.lower));
  });

  it('matches the binomial interval when every image is its own study', () => {
    const own = studies.map((_, i) => `image-${i}`);
    const interval = clusterBootstrapInterval(correlated, own, { seed: 's' });
    const wilson = wilsonInterval(100, 200);
    expect(Math.abs(interval.lower - wilson.lower)).toBeLessThan(0.02);
    expect(Math.abs(interval.upper - wilson.upper)).toBeLessThan(0.02);
  });

  it('is deterministic for a seed and degenerate when all are right', () => {
    const a = clusterBootstrapInterval(correlated, studies, { seed: 'x', iterations: 500 });
    const b = clusterBootstrapInterval(correlated, studies, { seed: 'x', iterations: 500 });
    expect(b).toEqual(a);
    const perfect = clusterBootstrapInterval(
      studies.map(() => true),
      studies,
      { iterations: 100 },
    );
    expect([perfect.lower, perfect.upper]).toEqual([1, 1]);
  });

  it('refuses zero images and mismatched lengths with typed errors', () => {
    expect(() => clusterBootstrapInterval([], [])).toThrowError(
      expect.objectContaining({ code: 'NO_TEST_DATA' }),
    );
    expect(() => clusterBootstrapInterval([true], [])).toThrowError(
      expect.objectContaining({ code: 'INVALID_METRIC_INPUT' }),
    );
  });
});
