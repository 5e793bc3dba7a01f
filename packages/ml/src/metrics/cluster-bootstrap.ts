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
  return clusterBootstrapIntervals([correct], clusters, options)[0] as BootstrapInterval;
}

/**
 * Intervals of several accuracies over the same images (top-1 and top-2, say) from one set of resampled
 * clusters: each is what `clusterBootstrapInterval` gives alone, for the cost of one.
 */
export function clusterBootstrapIntervals(
  outcomes: readonly (readonly boolean[])[],
  clusters: readonly string[],
  options: BootstrapOptions = {},
): BootstrapInterval[] {
  const { iterations = 2_000, seed = 'loupe', level = 0.95 } = options;
  for (const correct of outcomes) {
    if (correct.length !== clusters.length) {
      throw new MlError(
        'INVALID_METRIC_INPUT',
        `${correct.length} outcomes for ${clusters.length} cluster keys.`,
      );
    }
  }
  if (clusters.length === 0) throw new MlError('NO_TEST_DATA', 'There are no test images to resample.');
  const tallies = outcomes.map((correct) => tallyClusters(correct, clusters));
  const counts = tallies[0]!.counts;
  const random = createRandom(`${seed}:cluster-bootstrap`);
  const estimates = tallies.map(() => new Float64Array(iterations));
  const drawnHits = new Float64Array(tallies.length);
  for (let iteration = 0; iteration < iterations; iteration++) {
    drawnHits.fill(0);
    let drawnCount = 0;
    for (let draw = 0; draw < counts.length; draw++) {
      const c = randomInteger(random, counts.length);
      for (let t = 0; t < tallies.length; t++) drawnHits[t]! += tallies[t]!.hits[c] as number;
      drawnCount += counts[c] as number;
    }
    for (let t = 0; t < tallies.length; t++) estimates[t]![iteration] = drawnHits[t]! / drawnCount;
  }
  const alpha = 1 - level;
  const total = counts.reduce((sum, count) => sum + count, 0);
  return tallies.map(({ hits }, t) => {
    const sorted = [...estimates[t]!].sort((x, y) => x - y);
    return {
      estimate: hits.reduce((sum, hit) => sum + hit, 0) / total,
      lower: quantileSorted(sorted, alpha / 2),
      upper: quantileSorted(sorted, 1 - alpha / 2),
      level,
      iterations,
      clusterCount: counts.length,
    };
  });
}
