/**
 * Head-training and queue-scoring benchmark: `npx tsx bench/head-training.ts [--quick] [--mlp]`.
 * Prints wall-clock and CPU time (one core; the machine may be shared, CPU time is the steadier figure).
 * --quick skips the 100,000-image case; --mlp adds two epochs of the MLP head (256 hidden units) on the
 * TensorFlow.js CPU backend.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';

import { predictProbabilities, type TrainHeadResult, trainHead } from '../src/heads';
import { makeGaussianClasses } from '../src/heads/gaussian-classes';
import { rankCandidates, scorePredictions } from '../src/queue';

type Timing = { wallMs: number; cpuMs: number };

async function timed<T>(work: () => Promise<T> | T): Promise<[T, Timing]> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(cpu);
  return [result, { wallMs: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 }];
}

const show = (label: string, { wallMs, cpuMs }: Timing, extra = '') =>
  console.log(
    `${label.padEnd(58)} wall ${wallMs.toFixed(0).padStart(6)} ms   cpu ${cpuMs.toFixed(0).padStart(6)} ms ${extra}`,
  );

function rowsOf(features: Float32Array, dimension: number): Float32Array[] {
  return Array.from({ length: features.length / dimension }, (_, i) =>
    features.subarray(i * dimension, (i + 1) * dimension),
  );
}

function split(all: { features: Float32Array; labels: Int32Array }, dimension: number, trainCount: number) {
  return {
    train: {
      features: all.features.subarray(0, trainCount * dimension),
      labels: all.labels.subarray(0, trainCount),
    },
    validation: {
      features: all.features.subarray(trainCount * dimension),
      labels: all.labels.subarray(trainCount),
    },
  };
}

const describeRun = (result: TrainHeadResult) =>
  `(${result.epochs} epochs, best ${result.bestEpoch}, val loss ${result.validationLoss?.toFixed(3)})`;

async function linearCase(count: number, dimension: number, classCount: number) {
  const label = `${count.toLocaleString('en')} × ${classCount} × ${dimension.toLocaleString('en')}`;
  const all = makeGaussianClasses({
    count,
    dimension,
    classCount,
    separation: 0.45,
    seed: `bench-${dimension}`,
  });
  const { train, validation } = split(all, dimension, Math.floor(count * 0.9));
  const options = { kind: 'linear' as const, ...train, classCount, validation };
  const [cold, coldTime] = await timed(() => trainHead(options));
  show(`linear head, cold start, ${label}`, coldTime, describeRun(cold));
  const [warm, warmTime] = await timed(() => trainHead({ ...options, warmStart: cold.weights }));
  show(`linear head, warm start, ${label}`, warmTime, describeRun(warm));
  const [probabilities, predictTime] = await timed(() => predictProbabilities(cold.weights, all.features));
  show(`predict all, ${label}`, predictTime);
  return { all, probabilities };
}

async function scoringCase(
  count: number,
  dimension: number,
  classCount: number,
  data: Awaited<ReturnType<typeof linearCase>>,
) {
  const label = `${count.toLocaleString('en')} images × ${dimension.toLocaleString('en')}, half labelled`;
  const embeddings = rowsOf(data.all.features, dimension);
  const input = {
    probabilities: data.probabilities,
    classCount,
    embeddings,
    labelledMask: Array.from({ length: count }, (_, i) => i % 2 === 0),
    currentLabels: data.all.labels,
  };
  const [scores, scoreTime] = await timed(() => scorePredictions(input));
  show(`scorePredictions with distances, ${label}`, scoreTime);
  for (const strategy of ['MARGIN', 'DIVERSE_MARGIN', 'LIKELY_LABEL_ERROR']) {
    const [, rankTime] = await timed(() => rankCandidates(strategy, scores, { batchSize: 20 }));
    show(`rankCandidates ${strategy}, batch 20, ${count.toLocaleString('en')} images`, rankTime);
  }
}

async function mlpCase(data: Awaited<ReturnType<typeof linearCase>>, dimension: number, classCount: number) {
  await tf.setBackend('cpu');
  const { train, validation } = split(data.all, dimension, Math.floor((data.all.labels.length * 9) / 10));
  const hyperparameters = { maxEpochs: 2, patience: 2 };
  const [result, time] = await timed(() =>
    trainHead({ kind: 'mlp', ...train, classCount, validation, hyperparameters }),
  );
  show(
    `MLP head (256 hidden), 2 epochs, tfjs-${tf.getBackend()}, 5,500 × 11 × 1,280`,
    time,
    describeRun(result),
  );
}

const isQuick = process.argv.includes('--quick');
console.log(`Node ${process.version}; synthetic Gaussian-class embeddings; 90 % train / 10 % validation.`);
const paper = await linearCase(5_500, 1_280, 11);
await scoringCase(5_500, 1_280, 11, paper);
if (process.argv.includes('--mlp')) await mlpCase(paper, 1_280, 11);
if (!isQuick) {
  const large = await linearCase(100_000, 384, 11);
  await scoringCase(100_000, 384, 11, large);
}
