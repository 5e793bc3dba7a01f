import { ensureTensorBackend } from '../backend/init-backend';
import { classWeights, countClasses } from './check-training-input';
import { featuresForRows } from './feature-matrix';
import { type Hyperparameters, resolveHyperparameters } from './hyperparameters';
import { initialLayers } from './initial-layers';
import { createLinearRunner, type LabelledSet } from './linear-head';
import { MlError } from './ml-error';
import { createMlpRunner } from './mlp-head';
import { fitStandardization, type Standardization } from './standardization';
import { type LoopOutcome, runTrainingLoop } from './train-loop';
import type { DenseLayer, LabelledFeatures, TrainHeadOptions, TrainHeadResult } from './types';

/** Logit bias given to a category without training images under emptyCategories 'exclude'. */
const EXCLUDED_CATEGORY_BIAS = -1e4;

function resolveCategoryIds(options: TrainHeadOptions): string[] {
  const ids = options.categoryIds ?? Array.from({ length: options.classCount }, (_, c) => String(c));
  if (ids.length !== options.classCount || new Set(ids).size !== ids.length) {
    throw new MlError(
      'DIMENSION_MISMATCH',
      `Expected ${options.classCount} distinct category ids, got ${ids.length}.`,
    );
  }
  return [...ids];
}

function validationSet(
  validation: LabelledFeatures | undefined,
  train: LabelledSet,
): LabelledSet | undefined {
  if (!validation || validation.labels.length === 0) return undefined;
  const matrix = featuresForRows(validation.features, validation.labels.length, 'validation features');
  if (matrix.dimension !== train.matrix.dimension) {
    throw new MlError(
      'DIMENSION_MISMATCH',
      `Validation vectors have ${matrix.dimension} values, training vectors ${train.matrix.dimension}.`,
    );
  }
  const classCount = train.weightOfClass.length;
  const outOfRange = validation.labels.findIndex((label) => label < 0 || label >= classCount);
  if (outOfRange >= 0) {
    throw new MlError(
      'LABEL_OUT_OF_RANGE',
      `Validation label ${validation.labels[outOfRange]} is not in 0…${classCount - 1}.`,
    );
  }
  return { ...train, matrix, labels: validation.labels };
}

type Trained = LoopOutcome & { layers: DenseLayer[] };

type Start = { layers: DenseLayer[]; isWarmStarted: boolean };

async function runKind(
  options: TrainHeadOptions,
  sets: [LabelledSet, LabelledSet | undefined],
  { layers, isWarmStarted }: Start,
  hyperparameters: Hyperparameters,
): Promise<Trained> {
  const control = { signal: options.signal, onProgress: options.onProgress, isWarmStarted };
  if (options.kind === 'linear') {
    const runner = createLinearRunner(...sets, layers[0] as DenseLayer, hyperparameters);
    const outcome = await runTrainingLoop(runner, hyperparameters, control);
    return { ...outcome, layers: [runner.best()] };
  }
  await ensureTensorBackend();
  const runner = createMlpRunner(...sets, layers, hyperparameters);
  try {
    const outcome = await runTrainingLoop(runner, hyperparameters, control);
    return { ...outcome, layers: runner.best() };
  } finally {
    runner.dispose();
  }
}

function silenceEmptyCategories(layers: DenseLayer[], counts: Int32Array): void {
  const output = layers.at(-1) as DenseLayer;
  counts.forEach((count, c) => {
    if (count > 0) return;
    output.kernel.fill(0, c * output.inputSize, (c + 1) * output.inputSize);
    output.bias[c] = EXCLUDED_CATEGORY_BIAS;
  });
}

/**
 * Trains a linear or MLP softmax head on cached embeddings with mini-batch Adam, class-balanced weights,
 * L2 and early stopping, warm-started from the previous version's head when one is given.
 */
export async function trainHead(options: TrainHeadOptions): Promise<TrainHeadResult> {
  const hyperparameters = resolveHyperparameters(options.kind, options.hyperparameters);
  const categoryIds = resolveCategoryIds(options);
  const counts = countClasses(
    options.labels,
    options.classCount,
    options.emptyCategories ?? 'error',
    categoryIds,
  );
  const matrix = featuresForRows(options.features, options.labels.length, 'training features');
  if (matrix.dimension === 0) throw new MlError('DIMENSION_MISMATCH', 'Training vectors have no values.');
  const standardization: Standardization = fitStandardization(matrix);
  const weightOfClass = classWeights(counts, hyperparameters.isClassBalanced);
  const train: LabelledSet = { matrix, labels: options.labels, weightOfClass, standardization };
  const validation = validationSet(options.validation, train);
  const plan = { kind: options.kind, dimension: matrix.dimension, categoryIds, ...hyperparameters };
  const start = initialLayers(plan, standardization, options.warmStart);
  const trained = await runKind(options, [train, validation], start, hyperparameters);
  silenceEmptyCategories(trained.layers, counts);
  const { layers, ...outcome } = trained;
  const weights = {
    formatVersion: 1 as const,
    kind: options.kind,
    inputDimension: matrix.dimension,
    classCount: options.classCount,
    categoryIds,
    featureMean: standardization.mean,
    featureScale: standardization.scale,
    layers,
  };
  return { weights, ...outcome, hyperparameters, isWarmStarted: start.isWarmStarted };
}
