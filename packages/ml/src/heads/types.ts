import type { Hyperparameters } from './hyperparameters';

export type HeadKind = 'linear' | 'mlp';

/** A fully connected layer; `kernel` is outputSize × inputSize, row-major (one row per output unit). */
export type DenseLayer = { inputSize: number; outputSize: number; kernel: Float32Array; bias: Float32Array };

/**
 * A trained head as plain data (no tensors): features are standardised with `featureMean` and
 * `featureScale` ((x − mean) · scale), then pass through `layers` with ReLU between them and a softmax
 * after the last. A linear head has one layer; an MLP head has its hidden layers before the output layer.
 * Output unit c stands for `categoryIds[c]`, which is how a later version warm-starts from this one.
 */
export type SerializedHead = {
  formatVersion: 1;
  kind: HeadKind;
  inputDimension: number;
  classCount: number;
  categoryIds: string[];
  featureMean: Float32Array;
  featureScale: Float32Array;
  layers: DenseLayer[];
};

/** n feature vectors: either one Float32Array per image, or one n × d row-major Float32Array. */
export type FeatureInput = Float32Array | readonly Float32Array[];

export type LabelledFeatures = { features: FeatureInput; labels: Int32Array };

export type TrainProgress = { epoch: number; trainLoss: number; validationLoss: number | null };

export type TrainHeadOptions = {
  kind: HeadKind;
  features: FeatureInput;
  /** Class index (0 … classCount − 1) of every training image. */
  labels: Int32Array;
  classCount: number;
  /** Stable id of the category behind every class index; defaults to '0' … 'k−1'. */
  categoryIds?: readonly string[];
  /** Held-out images for early stopping; without them training stops when the training loss levels off. */
  validation?: LabelledFeatures;
  hyperparameters?: Partial<Hyperparameters>;
  /** The previous version's head: output units are matched by category id, new categories start at zero. */
  warmStart?: SerializedHead;
  /** 'error' (default) rejects a class with no training image; 'exclude' gives it probability ≈ 0. */
  emptyCategories?: 'error' | 'exclude';
  signal?: AbortSignal;
  onProgress?: (progress: TrainProgress) => void;
};

export type TrainHeadResult = {
  weights: SerializedHead;
  /** Epochs run, including those after the best one that early stopping waited through. */
  epochs: number;
  /** The epoch whose weights were kept: the lowest validation loss (training loss without validation). */
  bestEpoch: number;
  /** Class-weighted cross-entropy on the training images at the kept epoch, without the L2 term. */
  trainLoss: number;
  /** Class-weighted cross-entropy on the validation images at the kept epoch; null without validation. */
  validationLoss: number | null;
  history: TrainProgress[];
  hyperparameters: Hyperparameters;
  isWarmStarted: boolean;
};
