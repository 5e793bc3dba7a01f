import { createRandom, shuffleInPlace } from '../split/seeded-random';
import { createAdam } from './adam';
import type { Hyperparameters } from './hyperparameters';
import { BLOCK, type LabelledSet, linearPass, type Workspace } from './linear-pass';
import type { EpochRunner } from './train-loop';
import type { DenseLayer } from './types';

export type { LabelledSet } from './linear-pass';

/** gradients ← gradients · factor + l2 · weights (the first `weightCount` values; biases carry no L2). */
function averageAndPenalize(
  gradients: Float32Array,
  parameters: Float32Array,
  factor: number,
  l2: number,
  weightCount: number,
) {
  for (let i = 0; i < gradients.length; i++) {
    const penalty = i < weightCount ? l2 * (parameters[i] as number) : 0;
    gradients[i] = (gradients[i] as number) * factor + penalty;
  }
}

/** The epoch runner of a linear softmax head trained by mini-batch Adam from `initial` weights. */
export function createLinearRunner(
  train: LabelledSet,
  validation: LabelledSet | undefined,
  initial: DenseLayer,
  hyperparameters: Hyperparameters,
): EpochRunner & { best: () => DenseLayer } {
  const { inputSize: dimension, outputSize: classCount } = initial;
  const parameters = new Float32Array(classCount * dimension + classCount);
  parameters.set(initial.kernel);
  parameters.set(initial.bias, classCount * dimension);
  const work: Workspace = {
    parameters,
    gradients: new Float32Array(parameters.length),
    x: new Float32Array(BLOCK * dimension),
    p: new Float64Array(BLOCK * classCount),
  };
  const adam = createAdam(parameters.length, { learningRate: hyperparameters.learningRate });
  const random = createRandom(`${hyperparameters.seed}:linear-order`);
  const order = Int32Array.from({ length: train.labels.length }, (_, i) => i);
  const validationRows = Int32Array.from({ length: validation?.labels.length ?? 0 }, (_, i) => i);
  const weightCount = classCount * dimension;
  let best = parameters.slice();
  const runEpoch = () => {
    shuffleInPlace(order, random);
    let loss = 0;
    let weight = 0;
    for (let from = 0; from < order.length; from += hyperparameters.batchSize) {
      const to = Math.min(order.length, from + hyperparameters.batchSize);
      work.gradients.fill(0);
      const batch = linearPass(train, order, from, to, work, true);
      loss += batch.loss;
      weight += batch.weight;
      if (batch.weight === 0) continue;
      averageAndPenalize(work.gradients, parameters, 1 / batch.weight, hyperparameters.l2, weightCount);
      adam(parameters, work.gradients);
    }
    return loss / weight;
  };
  const validationLoss = validation
    ? () => {
        const pass = linearPass(validation, validationRows, 0, validationRows.length, work, false);
        return pass.weight > 0 ? pass.loss / pass.weight : 0;
      }
    : null;
  return {
    runEpoch,
    validationLoss,
    snapshot: () => {
      best = parameters.slice();
    },
    best: () => ({
      inputSize: dimension,
      outputSize: classCount,
      kernel: best.slice(0, weightCount),
      bias: best.slice(weightCount),
    }),
  };
}
