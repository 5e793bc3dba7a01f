import type { Candidate, ImageScore, ResolvedRankOptions } from './types';

/** Unlabelled images that may be offered (not excluded). */
export function openUnlabelled(scores: readonly ImageScore[], options: ResolvedRankOptions): ImageScore[] {
  return scores.filter((score) => !score.isLabelled && !options.exclude.has(score.index));
}

/**
 * The `batchSize` images with the highest `value`, ties to the lower index so the order is stable; the
 * reason is written only for the images returned.
 */
export function rankBy(
  scores: readonly ImageScore[],
  batchSize: number,
  value: (score: ImageScore) => number,
  reason: (score: ImageScore) => string,
): Candidate[] {
  const valued = scores.map((score) => ({ score, value: value(score) }));
  valued.sort((a, b) => b.value - a.value || a.score.index - b.score.index);
  return valued
    .slice(0, batchSize)
    .map(({ score, value }) => ({ index: score.index, score: value, reason: reason(score) }));
}
