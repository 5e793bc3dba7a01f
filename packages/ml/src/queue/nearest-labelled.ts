import { dotFour } from '../heads/dense-math';
import { createRandom, shuffleInPlace } from '../split/seeded-random';

export type NearestOptions = {
  /**
   * Upper bound on sketch multiply-adds (queries × references × sketch dimension). When the labelled set
   * is larger than the budget allows, a seeded random sample of it stands in (at least 256 images).
   */
  maxComparisons?: number;
  seed?: string;
};

/** Labelled images to compare against: all of them, or a seeded sample that fits the budget. */
function referenceSet(
  labelled: number[],
  queryCount: number,
  sketchDimension: number,
  options: NearestOptions,
) {
  const { maxComparisons = 5e8, seed = 'loupe' } = options;
  const limit = Math.max(256, Math.floor(maxComparisons / Math.max(1, queryCount * sketchDimension)));
  if (labelled.length <= limit) return labelled;
  const sample = [...labelled];
  shuffleInPlace(sample, createRandom(`${seed}:references`));
  return sample.slice(0, limit);
}

/** Largest dot product of each of four packed queries with any packed reference. */
function bestDotsOfBlock(
  block: Float32Array,
  references: Float32Array,
  width: number,
  best: Float64Array,
): void {
  const dots = new Float64Array(4);
  best.fill(Number.NEGATIVE_INFINITY);
  for (let offset = 0; offset < references.length; offset += width) {
    dotFour(references, offset, block, width, dots, 0, 1);
    for (let s = 0; s < 4; s++) if ((dots[s] as number) > (best[s] as number)) best[s] = dots[s] as number;
  }
}

/**
 * Cosine distance from every unlabelled image to its nearest labelled image (0 for labelled images);
 * null for all when no image is labelled. With `queryMask`, only the unlabelled images it marks get a
 * distance (the others null). Queries go four at a time against packed references.
 */
export function nearestLabelledDistances(
  sketches: readonly (Float32Array | null)[],
  isLabelled: (index: number) => boolean,
  options: NearestOptions & { queryMask?: (index: number) => boolean } = {},
): (number | null)[] {
  const labelled = sketches.flatMap((_, i) => (isLabelled(i) ? [i] : []));
  if (labelled.length === 0) return sketches.map(() => null);
  const isQuery = options.queryMask ?? (() => true);
  const queries = sketches.flatMap((_, i) => (!isLabelled(i) && isQuery(i) ? [i] : []));
  const width = sketches.find((sketch) => sketch !== null)?.length ?? 0;
  const chosen = referenceSet(labelled, queries.length, width, options).filter((i) => sketches[i]);
  const references = new Float32Array(chosen.length * width);
  chosen.forEach((i, r) => {
    references.set(sketches[i] as Float32Array, r * width);
  });
  const distances: (number | null)[] = sketches.map((_, i) => (isLabelled(i) ? 0 : null));
  const block = new Float32Array(4 * width);
  const best = new Float64Array(4);
  for (let q = 0; q < queries.length; q += 4) {
    block.fill(0);
    for (let s = 0; s < 4 && q + s < queries.length; s++)
      block.set(sketches[queries[q + s] as number] as Float32Array, s * width);
    bestDotsOfBlock(block, references, width, best);
    for (let s = 0; s < 4 && q + s < queries.length; s++) {
      distances[queries[q + s] as number] = Math.min(2, Math.max(0, 1 - (best[s] as number)));
    }
  }
  return distances;
}
