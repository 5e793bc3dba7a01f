import { categoryName, describeBestGuess, describeTopTwo, twoDecimals } from './describe-score';
import { openUnlabelled, rankBy } from './select-top';
import type { Strategy } from './types';

export const leastConfident: Strategy = {
  name: 'LEAST_CONFIDENT',
  description: 'Unlabelled images whose best guess has the lowest probability.',
  rank: (scores, options) =>
    rankBy(
      openUnlabelled(scores, options),
      options.batchSize,
      (score) => score.leastConfidence,
      (score) => `low confidence: best guess ${describeBestGuess(score, options.categoryNames)}`,
    ),
};

export const margin: Strategy = {
  name: 'MARGIN',
  description: 'Unlabelled images whose first two guesses are closest (top-2 ambiguity).',
  rank: (scores, options) =>
    rankBy(
      openUnlabelled(scores, options),
      options.batchSize,
      (score) => 1 - score.margin,
      (score) => `top-2 ambiguous: ${describeTopTwo(score, options.categoryNames)}`,
    ),
};

export const entropy: Strategy = {
  name: 'ENTROPY',
  description: 'Unlabelled images whose class probabilities are most spread out.',
  rank: (scores, options) => {
    const names = options.categoryNames;
    const maximum = names.length > 1 ? ` (at most ${twoDecimals(Math.log(names.length))})` : '';
    return rankBy(
      openUnlabelled(scores, options),
      options.batchSize,
      (score) => score.entropy,
      (score) =>
        `spread-out prediction: entropy ${twoDecimals(score.entropy)} nats${maximum}; ` +
        `best guess ${categoryName(names, score.top1)} ${twoDecimals(score.p1)}`,
    );
  },
};
