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
  /** Class-weighted training loss of the remembered weights (needed only when the warm start wins). */
  trainingLoss: () => number;
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

type Best = { epoch: number; trainLoss: number | null; validationLoss: number | null; monitored: number };

/**
 * Runs epochs until the monitored loss (validation if there is a validation part, else training) has not
 * improved by `tolerance` (relative) for `patience` epochs in a row, or `maxEpochs` is reached, and keeps
 * the best epoch's weights. A warm start competes as epoch 0 on validation loss, so an already fitted head
 * stops after `patience` epochs. Yields to the event loop between epochs so that an abort signal can arrive.
 */
export async function runTrainingLoop(
  runner: EpochRunner,
  hyperparameters: Hyperparameters,
  control: LoopControl & { isWarmStarted: boolean },
): Promise<LoopOutcome> {
  const { maxEpochs, patience, tolerance } = hyperparameters;
  const history: TrainProgress[] = [];
  let best: Best | undefined;
  if (control.isWarmStarted && runner.validationLoss) {
    const validationLoss = runner.validationLoss();
    best = { epoch: 0, trainLoss: null, validationLoss, monitored: validationLoss };
    runner.snapshot();
  }
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
    if (best === undefined || monitored < best.monitored - tolerance * Math.abs(best.monitored)) {
      best = { ...progress, monitored };
      runner.snapshot();
      staleEpochs = 0;
    } else {
      staleEpochs += 1;
    }
    await nextTurn();
  }
  if (best === undefined) throw new MlError('INVALID_HYPERPARAMETERS', 'No epoch was run.');
  const trainLoss = best.trainLoss ?? runner.trainingLoss();
  return {
    epochs: history.length,
    bestEpoch: best.epoch,
    trainLoss,
    validationLoss: best.validationLoss,
    history,
  };
}
