import type { BackendName } from '../backend';
import { ensureTensorBackend } from '../backend';
import {
  deserializeHead,
  type HeadKind,
  type Hyperparameters,
  MlError,
  predictProbabilities,
  resolveHyperparameters,
  type SerializedHead,
  serializeHead,
  trainHead,
} from '../heads';
import { type Evaluation, evaluate } from '../metrics';
import type { SplitOptions } from '../split';
import { buildTrainingSets } from './build-training-sets';
import { mapInSlices } from './in-slices';
import type { DatasetImage } from './load-dataset-images';
import { encodePredictionChunks } from './prediction-copy';
import { predictionRows } from './prediction-rows';
import type { PredictionRow } from './write-model-version';

/**
 * The embedded images of a dataset in columns, with their vectors in one n × d row-major array: what the
 * computing of a version needs, in a shape that crosses to a worker thread cheaply (a few arrays, not
 * 100,000 objects).
 */
export type PackedImages = {
  imageIds: string[];
  studyKeys: string[];
  categoryIds: (string | null)[];
  /** The name of each category in `categoryIds`, by id. */
  categoryNames: Record<string, string>;
  labelIds: (string | null)[];
  dimension: number;
  vectors: Float32Array;
};

/**
 * Packs the images that have a vector, in the order given, a slice at a time (at 100,000 images packing
 * takes a few hundred milliseconds, which the thread that serves requests should not spend in one go).
 */
export async function packImages(
  images: readonly DatasetImage[],
  vectors: ReadonlyMap<string, Float32Array>,
): Promise<PackedImages> {
  const embedded = images.filter((image) => vectors.has(image.imageId));
  const dimension = embedded.length ? vectors.get(embedded[0]!.imageId)!.length : 0;
  const packed = new Float32Array(embedded.length * dimension);
  await mapInSlices(embedded, (image, index) => {
    const vector = vectors.get(image.imageId)!;
    if (vector.length !== dimension)
      throw new MlError(
        'DIMENSION_MISMATCH',
        `Image ${image.imageId} has a vector of ${vector.length} values.`,
      );
    packed.set(vector, index * dimension);
  });
  const categoryNames: Record<string, string> = {};
  for (const image of embedded)
    if (image.categoryId && image.categoryName !== null) categoryNames[image.categoryId] = image.categoryName;
  return {
    imageIds: embedded.map((image) => image.imageId),
    studyKeys: embedded.map((image) => image.studyKey),
    categoryIds: embedded.map((image) => image.categoryId),
    categoryNames,
    labelIds: embedded.map((image) => image.labelId),
    dimension,
    vectors: packed,
  };
}

/** The packed images as the training code takes them: one record each, and views of their vectors. */
function unpackImages(packed: PackedImages): {
  images: DatasetImage[];
  vectors: Map<string, Float32Array>;
} {
  const { dimension } = packed;
  const vectors = new Map<string, Float32Array>();
  const images = packed.imageIds.map((imageId, index) => {
    vectors.set(imageId, packed.vectors.subarray(index * dimension, (index + 1) * dimension));
    const categoryId = packed.categoryIds[index] ?? null;
    return {
      imageId,
      sha256: '',
      studyKey: packed.studyKeys[index]!,
      crop: null,
      cropKey: '',
      categoryId,
      categoryName: categoryId === null ? null : (packed.categoryNames[categoryId] ?? null),
      labelId: packed.labelIds[index] ?? null,
    };
  });
  return { images, vectors };
}

export type VersionComputeInput = {
  images: PackedImages;
  head: HeadKind;
  hyperparameters: Partial<Hyperparameters>;
  split: SplitOptions;
  /** The previous version's head, as stored; used only when it has the shape this run trains. */
  warmStart?: Uint8Array;
  /** The id the version will be written under: the predictions come back as COPY text for it. */
  modelVersionId: string;
  /** The embedder's backend, started in the computing thread when an MLP head needs TensorFlow.js. */
  backendName?: BackendName;
};

export type ComputedVersion =
  | { kind: 'skipped'; code: string; message: string }
  | {
      kind: 'computed';
      categoryIds: string[];
      trainLabelIds: string[];
      counts: { train: number; validation: number; test: number };
      hyperparameters: Hyperparameters;
      isWarmStarted: boolean;
      /** The head as stored (`serializeHead`). */
      weights: Uint8Array;
      evaluation: Evaluation;
      /**
       * Every embedded image's prediction and scores, as COPY text in chunks (none here when they went to the
       * caller's `onCopyChunk` as they were encoded).
       */
      predictions: { count: number; copyChunks: string[] };
      phasesMs: { prepare: number; train: number; evaluate: number; predictAndScore: number; encode: number };
    };

export type ComputeProgress = (progress: number, message: string) => void;

export type ComputeControl = {
  signal?: AbortSignal;
  onProgress?: ComputeProgress;
  /**
   * Takes each chunk of the predictions' COPY text as soon as it is encoded, so that loading them can begin
   * while the rest are encoded; the result then carries none.
   */
  onCopyChunk?: (text: string) => void;
};

/**
 * The computing of one model version, without I/O: split by study, train the head on the training studies'
 * labels (warm-started from the previous head when it has this shape), evaluate on the test studies, and
 * predict and score every image. It runs in a worker thread in the app (`createVersionComputer`), so that
 * the thread serving requests is never held for the length of a training run.
 */
export async function computeVersion(
  input: VersionComputeInput,
  control: ComputeControl = {},
): Promise<ComputedVersion> {
  const prepareStart = performance.now();
  const { images, vectors } = unpackImages(input.images);
  const sets = buildTrainingSets(images, vectors, input.split);
  const prepare = Math.round(performance.now() - prepareStart);
  if (sets.train.rows.length === 0) {
    return {
      kind: 'skipped',
      code: 'NO_TRAINING_DATA',
      message: 'No labelled images in the training studies yet.',
    };
  }
  if (sets.categoryIds.length < 2) {
    return {
      kind: 'skipped',
      code: 'ONE_CLASS_ONLY',
      message: 'Training needs labelled images of at least two categories.',
    };
  }
  control.onProgress?.(0.7, `training on ${sets.train.rows.length} labelled images`);
  let phaseStart = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = Math.round(now - phaseStart);
    phaseStart = now;
    return ms;
  };
  if (input.head === 'mlp') await ensureTensorBackend(input.backendName);
  const previous = input.warmStart ? deserializeHead(input.warmStart) : undefined;
  let trained: Awaited<ReturnType<typeof trainHead>>;
  try {
    trained = await trainHead({
      kind: input.head,
      features: sets.train.rows,
      labels: sets.train.labels,
      classCount: sets.categoryIds.length,
      categoryIds: sets.categoryIds,
      validation: sets.validation.rows.length
        ? { features: sets.validation.rows, labels: sets.validation.labels }
        : undefined,
      hyperparameters: input.hyperparameters,
      warmStart:
        previous && isSameShape(previous, input.images.dimension, input.head, input.hyperparameters)
          ? previous
          : undefined,
      signal: control.signal,
    });
  } catch (error) {
    if (error instanceof MlError) return { kind: 'skipped', code: error.code, message: error.message };
    throw error;
  }
  const train = lap();
  const evaluation = evaluate({
    probabilities: predictProbabilities(trained.weights, sets.test.rows),
    labels: sets.test.labels,
    clusters: sets.test.clusters,
    classCount: sets.categoryIds.length,
  });
  const evaluateMs = lap();
  control.onProgress?.(0.85, 'predicting and scoring every image');
  const rows = predictionRows({ images, vectors, head: trained.weights });
  const predictAndScore = lap();
  const copyChunks: string[] = [];
  encodePredictionChunks(
    input.modelVersionId,
    rows,
    control.onCopyChunk ?? ((text) => copyChunks.push(text)),
  );
  const encode = lap();
  return {
    kind: 'computed',
    categoryIds: sets.categoryIds,
    trainLabelIds: sets.train.labelIds,
    counts: {
      train: sets.train.rows.length,
      validation: sets.validation.rows.length,
      test: sets.test.rows.length,
    },
    hyperparameters: trained.hyperparameters,
    isWarmStarted: trained.isWarmStarted,
    weights: serializeHead(trained.weights),
    evaluation,
    predictions: { count: rows.length, copyChunks },
    phasesMs: { prepare, train, evaluate: evaluateMs, predictAndScore, encode },
  };
}

export type PredictionsInput = {
  images: PackedImages;
  /** The version's head, as stored. */
  head: Uint8Array;
  /** Images that already have a prediction of this version: left out of the answer. */
  skipImageIds: string[];
  backendName?: BackendName;
};

/**
 * Predictions and scores under a stored head for the images that have none yet (new images after an import,
 * or a crop change). Scores such as the distance to the labelled images look at every image, so all are
 * predicted; only the missing ones come back.
 */
export async function computePredictions(input: PredictionsInput): Promise<PredictionRow[]> {
  const head = deserializeHead(input.head);
  if (head.kind === 'mlp') await ensureTensorBackend(input.backendName);
  const { images, vectors } = unpackImages(input.images);
  const skip = new Set(input.skipImageIds);
  return predictionRows({ images, vectors, head }).filter((row) => !skip.has(row.imageId));
}

/**
 * Whether a previous head has the shape this run trains: the same input size and, for an MLP, the same hidden
 * layers. A head of another shape (its settings changed since) is no starting point: the run starts cold.
 */
function isSameShape(
  previous: SerializedHead,
  inputDimension: number,
  head: HeadKind,
  hyperparameters: Partial<Hyperparameters>,
): boolean {
  if (previous.inputDimension !== inputDimension) return false;
  if (head === 'linear') return true;
  const hidden = previous.layers.slice(0, -1).map((layer) => layer.outputSize);
  try {
    return hidden.join() === resolveHyperparameters(head, hyperparameters).hiddenUnits.join();
  } catch {
    return false;
  }
}
