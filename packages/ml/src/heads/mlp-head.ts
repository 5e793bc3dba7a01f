import * as tf from '@tensorflow/tfjs-core';
// Registers the gradients of the core ops (tfjs-core's own register_all_gradients module cannot be loaded
// by Node's ESM resolver, which rejects its directory imports).
import '@tensorflow/tfjs-layers';
import { createRandom, shuffleInPlace } from '../split/seeded-random';
import type { Hyperparameters } from './hyperparameters';
import type { LabelledSet } from './linear-pass';
import { type LayerTensors, mlpLogits, standardizedTensor, weightedCrossEntropySum } from './mlp-forward';
import type { EpochRunner } from './train-loop';
import type { DenseLayer } from './types';

type LayerVariables = { kernel: tf.Variable; bias: tf.Variable; inputSize: number; outputSize: number };

function toVariables(layers: readonly DenseLayer[]): LayerVariables[] {
  return layers.map(({ inputSize, outputSize, kernel, bias }) => ({
    inputSize,
    outputSize,
    kernel: tf.tidy(() => tf.variable(tf.tensor2d(kernel, [outputSize, inputSize]))),
    bias: tf.tidy(() => tf.variable(tf.tensor1d(bias))),
  }));
}

function readLayers(variables: readonly LayerVariables[]): DenseLayer[] {
  return variables.map(({ inputSize, outputSize, kernel, bias }) => ({
    inputSize,
    outputSize,
    kernel: Float32Array.from(kernel.dataSync()),
    bias: Float32Array.from(bias.dataSync()),
  }));
}

/** The epoch runner of an MLP head trained with TensorFlow.js (whatever backend the process chose). */
export function createMlpRunner(
  train: LabelledSet,
  validation: LabelledSet | undefined,
  initial: readonly DenseLayer[],
  hyperparameters: Hyperparameters,
): EpochRunner & { best: () => DenseLayer[]; dispose: () => void } {
  const classCount = train.weightOfClass.length;
  const variables = toVariables(initial);
  const tensorsOf = (set: LabelledSet) => ({
    x: standardizedTensor(set),
    labels: tf.tensor1d(set.labels, 'int32'),
    weights: tf.tensor1d(Float32Array.from(set.labels, (label) => set.weightOfClass[label] as number)),
    totalWeight: set.labels.reduce((sum, label) => sum + (set.weightOfClass[label] as number), 0),
  });
  const trainTensors = tensorsOf(train);
  const validationTensors = validation ? tensorsOf(validation) : undefined;
  const optimizer = tf.train.adam(hyperparameters.learningRate);
  const random = createRandom(`${hyperparameters.seed}:mlp-order`);
  const order = Array.from({ length: train.labels.length }, (_, i) => i);
  const kernels = variables.map((layer) => layer.kernel);
  let best = readLayers(variables);

  const runBatch = (rows: number[], seed: string): { loss: number; weight: number } => {
    const weight = rows.reduce(
      (sum, i) => sum + (train.weightOfClass[train.labels[i] as number] as number),
      0,
    );
    if (weight === 0) return { loss: 0, weight };
    let dataLoss: tf.Scalar | undefined;
    tf.tidy(() => {
      const index = tf.tensor1d(rows, 'int32');
      const x = tf.gather(trainTensors.x, index);
      const labels = tf.gather(trainTensors.labels, index);
      const weights = tf.gather(trainTensors.weights, index);
      optimizer.minimize(() => {
        const logits = mlpLogits(x, variables, { rate: hyperparameters.dropout, seed });
        const data = tf.div(
          weightedCrossEntropySum(logits, labels, weights, classCount),
          weight,
        ) as tf.Scalar;
        dataLoss = tf.keep(data.clone());
        const penalty = tf.addN(kernels.map((kernel) => tf.sum(tf.square(kernel))));
        return tf.add(data, tf.mul(penalty, hyperparameters.l2 / 2)) as tf.Scalar;
      });
    });
    const loss = (dataLoss?.dataSync()[0] ?? 0) * weight;
    dataLoss?.dispose();
    return { loss, weight };
  };

  const runEpoch = (epoch: number) => {
    shuffleInPlace(order, random);
    let loss = 0;
    let weight = 0;
    for (let from = 0; from < order.length; from += hyperparameters.batchSize) {
      const rows = order.slice(from, from + hyperparameters.batchSize);
      const batch = runBatch(rows, `${hyperparameters.seed}:dropout:${epoch}:${from}`);
      loss += batch.loss;
      weight += batch.weight;
    }
    return loss / weight;
  };

  const meanLoss = (set: ReturnType<typeof tensorsOf>, layers: readonly LayerTensors[]) => {
    if (set.totalWeight === 0) return 0;
    const sum = tf.tidy(() =>
      weightedCrossEntropySum(mlpLogits(set.x, layers), set.labels, set.weights, classCount),
    );
    const value = (sum.dataSync()[0] ?? 0) / set.totalWeight;
    sum.dispose();
    return value;
  };
  const validationLoss = validationTensors ? () => meanLoss(validationTensors, variables) : null;

  const dispose = () => {
    for (const layer of variables) tf.dispose([layer.kernel, layer.bias]);
    for (const set of [trainTensors, validationTensors])
      if (set) tf.dispose([set.x, set.labels, set.weights]);
    optimizer.dispose();
  };
  const snapshot = () => {
    best = readLayers(variables);
  };
  return { runEpoch, validationLoss, snapshot, best: () => best, dispose };
}
