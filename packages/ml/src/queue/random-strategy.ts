import { createRandom } from '../split/seeded-random';
import { describeBestGuess } from './describe-score';
import { openUnlabelled, rankBy } from './select-top';
import type { Strategy } from './types';

export const random: Strategy = {
  name: 'RANDOM',
  description: 'A seeded uniform sample of unlabelled images (an unbiased baseline).',
  rank: (scores, options) => {
    const draw = createRandom(`${options.seed}:random-strategy`);
    return rankBy(
      openUnlabelled(scores, options),
      options.batchSize,
      () => draw(),
      (score) =>
        `random pick (seed "${options.seed}"); the model's best guess is ${describeBestGuess(score, options.categoryNames)}`,
    );
  },
};
