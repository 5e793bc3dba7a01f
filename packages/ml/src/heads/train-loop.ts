import { FAILPOINTS, failpoint } from '../failpoints';
import type { Hyperparameters } from './hyperparameters';
import { MlError } from './ml-error';
import type { TrainProgress } from './types';

/** What one kind of head supplies to the shared early-stopping loop. */
export type EpochRunner = {
  /** Trains one epoch and returns its class-weighted training loss. */
  runEpoch: (epoch: number) => number;
  /** Class-weighted validation loss of the current weights; null when there is no validation part. */
  validationLoss: (() => number) | null;
  /** Remembers the current weights as the best so far. */
  snapshot: () => void;
};

export type LoopOutcome = {
  epochs: number;
  bestEpoch: number;
  trainLoss: number;
  validationLoss: number | null;
  history: TrainProgress[];
};

type LoopControl = { signal?: AbortSignal; onProgress?: (progress: TrainProgress) => void };

function throwIfAborted(signal: AbortSignal | undefined, epoch: number): void {
  if (signal?.aborted) throw new MlError('TRAINING_ABORTED', `Training was stopped before epoch ${epoch}.`);
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

type Best = TrainProgress & { monitored: number };

/**
 * Runs epochs until the monitored loss (validation if there is a validation part, else training) has not
 * improved by `tolerance` (relative) for `patience` epochs in a row, or `maxEpochs` is reached, and keeps
 * the weights of the epoch with the lowest monitored loss. A warm start's validation loss is the first
 * mark to beat, so an already fitted head stops after `patience` epochs; its result still comes from a
 * trained epoch, so every new label reaches the model. Yields to the event loop between epochs so that
 * an abort signal can arrive.
 */
export async function runTrainingLoop(
  runner: EpochRunner,
  hyperparameters: Hyperparameters,
  control: LoopControl & { isWarmStarted: boolean },
): Promise<LoopOutcome> {
  const { maxEpochs, patience, tolerance } = hyperparameters;
  const history: TrainProgress[] = [];
  let best: Best | undefined;
  let mark =
    control.isWarmStarted && runner.validationLoss ? runner.validationLoss() : Number.POSITIVE_INFINITY;
  let staleEpochs = 0;
  for (let epoch = 1; epoch <= maxEpochs && staleEpochs < patience; epoch++) {
    throwIfAborted(control.signal, epoch);
    const trainLoss = runner.runEpoch(epoch);
    if (!Number.isFinite(trainLoss)) {
      throw new MlError('TRAINING_DIVERGED', `Training loss became ${trainLoss} at epoch ${epoch}.`, {
        epoch,
      });
    }
    const validationLoss = runner.validationLoss?.() ?? null;
    const progress = { epoch, trainLoss, validationLoss };
    history.push(progress);
    control.onProgress?.(progress);
    const monitored = validationLoss ?? trainLoss;
    if (best === undefined || monitored < best.monitored) {
      best = { ...progress, monitored };
      runner.snapshot();
    }
    const isImprovement = monitored < mark - tolerance * Math.abs(mark) || mark === Number.POSITIVE_INFINITY;
    staleEpochs = isImprovement ? 0 : staleEpochs + 1;
    if (isImprovement) mark = monitored;
    if (epoch === 1) await failpoint(FAILPOINTS.training);
    await nextTurn();
  }
  if (best === undefined) throw new MlError('INVALID_HYPERPARAMETERS', 'No epoch was run.');
  const { epoch: bestEpoch, trainLoss, validationLoss } = best;
  return { epochs: history.length, bestEpoch, trainLoss, validationLoss, history };
}
