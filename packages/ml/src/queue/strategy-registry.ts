import { MlError } from '../heads/ml-error';
import { diverseMargin } from './diverse-margin';
import { likelyLabelError } from './likely-label-error';
import { random } from './random-strategy';
import type { Candidate, ImageScore, RankOptions, Strategy } from './types';
import { entropy, leastConfident, margin } from './uncertainty-strategies';

const registry = new Map<string, Strategy>(
  [random, leastConfident, margin, entropy, diverseMargin, likelyLabelError].map((strategy) => [
    strategy.name,
    strategy,
  ]),
);

/** Adds (or replaces) a strategy under its name. */
export function registerStrategy(strategy: Strategy): void {
  registry.set(strategy.name, strategy);
}

export function strategyNames(): string[] {
  return [...registry.keys()];
}

export function listStrategies(): { name: string; description: string }[] {
  return [...registry.values()].map(({ name, description }) => ({ name, description }));
}

/** The strategy of that name; an unknown name is an UNKNOWN_STRATEGY error listing the valid ones. */
export function getStrategy(name: string): Strategy {
  const strategy = registry.get(name);
  if (!strategy) {
    const validNames = strategyNames();
    throw new MlError(
      'UNKNOWN_STRATEGY',
      `Unknown strategy "${name}"; valid strategies: ${validNames.join(', ')}.`,
      {
        name,
        validNames,
      },
    );
  }
  return strategy;
}

/** The next `batchSize` images to show, best first, each with a score and a reason an annotator can read. */
export function rankCandidates(
  strategyName: string,
  scores: readonly ImageScore[],
  options: RankOptions,
): Candidate[] {
  const strategy = getStrategy(strategyName);
  if (!Number.isInteger(options.batchSize) || options.batchSize < 0) {
    throw new MlError(
      'INVALID_HYPERPARAMETERS',
      `Batch size must be a whole number ≥ 0, got ${options.batchSize}.`,
    );
  }
  return strategy.rank(scores, {
    batchSize: options.batchSize,
    exclude: new Set(options.exclude ?? []),
    seed: options.seed ?? 'loupe',
    categoryNames: options.categoryNames ?? [],
  });
}
