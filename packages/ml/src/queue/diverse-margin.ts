import { MlError } from '../heads/ml-error';
import { describeTopTwo, twoDecimals } from './describe-score';
import { cosineDistance } from './embedding-sketch';
import { openUnlabelled } from './select-top';
import type { Candidate, ImageScore, Strategy } from './types';

/** The uncertain pool holds this many candidates per requested image. */
export const DIVERSE_POOL_FACTOR = 10;

/** Cosine distance used when nothing is labelled yet (the largest possible). */
const NOTHING_LABELLED_DISTANCE = 2;

function uncertainPool(scores: readonly ImageScore[], size: number): ImageScore[] {
  return [...scores].sort((a, b) => a.margin - b.margin || a.index - b.index).slice(0, size);
}

/**
 * k-centre greedy over the most ambiguous images: the pool is the DIVERSE_POOL_FACTOR × batch images with
 * the smallest margin; each pick maximises (1 − margin) × distance to the nearest labelled or already
 * picked image, so one batch does not spend its labels on near-duplicates.
 */
export const diverseMargin: Strategy = {
  name: 'DIVERSE_MARGIN',
  description:
    'Ambiguous unlabelled images that are also unlike the labelled images and each other (k-centre greedy).',
  rank: (scores, options) => {
    // Images scored without a sketch (outside the diversity candidates of their model version) sit out.
    const open = openUnlabelled(scores, options).filter((score) => score.sketch !== null);
    if (open.length === 0 && openUnlabelled(scores, options).length > 0) {
      throw new MlError(
        'MISSING_EMBEDDINGS',
        'DIVERSE_MARGIN needs embedding sketches; score the images with embeddings.',
      );
    }
    const pool = uncertainPool(open, options.batchSize * DIVERSE_POOL_FACTOR);
    const nearest = pool.map((score) => score.labelledDistance ?? NOTHING_LABELLED_DISTANCE);
    const picked: Candidate[] = [];
    const isTaken = new Array<boolean>(pool.length).fill(false);
    while (picked.length < Math.min(options.batchSize, pool.length)) {
      let best = -1;
      let bestValue = -1;
      pool.forEach((score, p) => {
        const value = (1 - score.margin) * (nearest[p] as number);
        if (!isTaken[p] && value > bestValue) [best, bestValue] = [p, value];
      });
      const choice = pool[best] as ImageScore;
      isTaken[best] = true;
      picked.push({
        index: choice.index,
        score: bestValue,
        reason: `top-2 ambiguous: ${describeTopTwo(choice, options.categoryNames)}; unlike the labelled or already picked images (cosine distance ${twoDecimals(nearest[best] as number)})`,
      });
      pool.forEach((score, p) => {
        nearest[p] = Math.min(
          nearest[p] as number,
          cosineDistance(score.sketch as Float32Array, choice.sketch as Float32Array),
        );
      });
    }
    return picked;
  },
};
