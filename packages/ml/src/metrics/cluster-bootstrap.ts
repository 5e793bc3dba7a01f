import { quantileSorted } from 'simple-statistics';
import { MlError } from '../heads/ml-error';
import { createRandom, randomInteger } from '../split/seeded-random';
import type { Interval } from './wilson-interval';

export type BootstrapOptions = { iterations?: number; seed?: string; level?: number };

export type BootstrapInterval = Interval & { estimate: number; iterations: number; clusterCount: number };

/** Hits and images per cluster (study), in first-seen order. */
function tallyClusters(correct: readonly boolean[], clusters: readonly string[]) {
  const index = new Map<string, number>();
  const hits: number[] = [];
  const counts: number[] = [];
  correct.forEach((isCorrect, i) => {
    const key = clusters[i] as string;
    let c = index.get(key);
    if (c === undefined) {
      c = counts.length;
      index.set(key, c);
      hits.push(0);
      counts.push(0);
    }
    counts[c] = (counts[c] as number) + 1;
    if (isCorrect) hits[c] = (hits[c] as number) + 1;
  });
  return { hits, counts };
}

/**
 * Percentile interval of accuracy by the cluster bootstrap: each iteration draws as many clusters as
 * there are, with replacement, and takes Σ hits / Σ images over the draw. Images of one study are
 * correlated, so resampling studies (not images) gives honest, wider intervals.
 */
export function clusterBootstrapInterval(
  correct: readonly boolean[],
  clusters: readonly string[],
  options: BootstrapOptions = {},
): BootstrapInterval {
  const { iterations = 2_000, seed = 'loupe', level = 0.95 } = options;
  if (correct.length !== clusters.length) {
    throw new MlError(
      'INVALID_METRIC_INPUT',
      `${correct.length} outcomes for ${clusters.length} cluster keys.`,
    );
  }
  if (correct.length === 0) throw new MlError('NO_TEST_DATA', 'There are no test images to resample.');
  const { hits, counts } = tallyClusters(correct, clusters);
  const random = createRandom(`${seed}:cluster-bootstrap`);
  const estimates = new Float64Array(iterations);
  for (let iteration = 0; iteration < iterations; iteration++) {
    let drawnHits = 0;
    let drawnCount = 0;
    for (let draw = 0; draw < counts.length; draw++) {
      const c = randomInteger(random, counts.length);
      drawnHits += hits[c] as number;
      drawnCount += counts[c] as number;
    }
    estimates[iteration] = drawnHits / drawnCount;
  }
  const sorted = [...estimates].sort((x, y) => x - y);
  const alpha = 1 - level;
  const total = counts.reduce((sum, count) => sum + count, 0);
  return {
    estimate: hits.reduce((sum, hit) => sum + hit, 0) / total,
    lower: quantileSorted(sorted, alpha / 2),
    upper: quantileSorted(sorted, 1 - alpha / 2),
    level,
    iterations,
    clusterCount: counts.length,
  };
}
