import { categoryName, twoDecimals } from './describe-score';
import { rankBy } from './select-top';
import type { ImageScore, Strategy } from './types';

/** The model must give its own guess at least this probability to call a label into question. */
export const LABEL_ERROR_MIN_CONFIDENCE = 0.5;

function isSuspect(score: ImageScore): boolean {
  return (
    score.labelProbability !== null &&
    score.currentLabel !== score.top1 &&
    score.p1 >= LABEL_ERROR_MIN_CONFIDENCE
  );
}

export const likelyLabelError: Strategy = {
  name: 'LIKELY_LABEL_ERROR',
  description: 'Labelled images where the model confidently prefers another category than the label.',
  rank: (scores, options) => {
    const names = options.categoryNames;
    const suspects = scores.filter((score) => isSuspect(score) && !options.exclude.has(score.index));
    return rankBy(
      suspects,
      options.batchSize,
      (score) => score.p1 - (score.labelProbability ?? 0),
      (score) => {
        const label = categoryName(names, score.currentLabel as number);
        return (
          `labelled ${label}, but the model says ${categoryName(names, score.top1)} ${twoDecimals(score.p1)} ` +
          `(${label} ${twoDecimals(score.labelProbability ?? 0)})`
        );
      },
    );
  },
};
