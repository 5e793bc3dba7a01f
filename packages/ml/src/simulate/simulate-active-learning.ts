import type { SerializedHead } from '../heads/types';
import { scorePredictions } from '../queue/score-predictions';
import { rankCandidates } from '../queue/strategy-registry';
import { drawSeedSet } from './seed-set';
import { SimulationError } from './simulation-error';
import { splitForSimulation } from './simulation-split';
import { predictAllClasses, trainAndTest } from './train-and-test';
import type { CurvePoint, SimulationOptions, SimulationResult } from './types';

function assertOptions(options: SimulationOptions): void {
  const { seedSize, batchSize, maxLabels } = options;
  const isCount = (value: number) => Number.isInteger(value) && value >= 1;
  if (!isCount(seedSize) || !isCount(batchSize) || !isCount(maxLabels) || maxLabels < seedSize) {
    throw new SimulationError(
      'INVALID_SIMULATION_OPTIONS',
      `Seed size, batch size and label budget must be whole numbers ≥ 1 with budget ≥ seed size (got ${seedSize}, ${batchSize}, ${maxLabels}).`,
    );
  }
}

/** The strategy's next batch of pool positions, unlabelled ones only; an empty batch is an error. */
function nextBatch(
  options: SimulationOptions,
  pool: readonly number[],
  isLabelled: Uint8Array,
  head: SerializedHead,
  round: number,
) {
  const embeddings = pool.map((index) => options.vectors[index] as Float32Array);
  const scores = scorePredictions({
    probabilities: predictAllClasses(head, embeddings, options.classCount),
    classCount: options.classCount,
    embeddings,
    labelledMask: isLabelled,
    currentLabels: Int32Array.from(pool, (index, p) =>
      isLabelled[p] ? (options.labels[index] as number) : -1,
    ),
    distance: { seed: options.seed },
  });
  const remaining = isLabelled.length - isLabelled.reduce((sum, flag) => sum + flag, 0);
  const size = Math.min(options.batchSize, options.maxLabels - (isLabelled.length - remaining), remaining);
  const picked = rankCandidates(options.strategy, scores, {
    batchSize: size,
    seed: `${options.seed}:round-${round}`,
  })
    .map((candidate) => candidate.index)
    .filter((p, i, all) => !isLabelled[p] && all.indexOf(p) === i);
  if (picked.length === 0) {
    throw new SimulationError(
      'STRATEGY_PICKED_NOTHING',
      `${options.strategy} offered no unlabelled image in round ${round}; it is not an acquisition strategy.`,
    );
  }
  return picked;
}

/**
 * Replays labelling with a strategy on fully labelled data: hide the pool's labels, reveal a seed set, then
 * round after round train the linear head (warm-started from the last round, stopped early on the revealed
 * labels of validation studies), record test accuracy, score the pool and reveal the strategy's batch,
 * until `maxLabels` labels (or the whole pool) are revealed.
 */
export async function simulateActiveLearning(options: SimulationOptions): Promise<SimulationResult> {
  assertOptions(options);
  const { pool, validation, test } = splitForSimulation(options, options.seed, options.split);
  const maxLabels = Math.min(options.maxLabels, pool.length);
  const positionOf = new Map(pool.map((index, p) => [index, p]));
  const isLabelled = new Uint8Array(pool.length);
  const labelled = drawSeedSet(pool, options.labels, Math.min(options.seedSize, maxLabels), options.seed);
  for (const index of labelled) isLabelled[positionOf.get(index) as number] = 1;
  const curve: CurvePoint[] = [];
  let head: SerializedHead | undefined;
  for (let round = 0; ; round++) {
    const { seed, hyperparameters } = options;
    const run = { data: options, labelled, validation, test, seed, hyperparameters, warmStart: head };
    const trained = await trainAndTest(run);
    head = trained.head;
    curve.push(trained.point);
    if (labelled.length >= maxLabels) break;
    for (const p of nextBatch({ ...options, maxLabels }, pool, isLabelled, head, round)) {
      isLabelled[p] = 1;
      labelled.push(pool[p] as number);
    }
  }
  return {
    strategy: options.strategy,
    seed: options.seed,
    curve,
    poolSize: pool.length,
    testSize: test.length,
  };
}
