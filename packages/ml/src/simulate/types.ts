import type { Hyperparameters } from '../heads/hyperparameters';

/** Labelled images with cached embeddings: the hidden truth an active-learning simulation reveals step by step. */
export type SimulationData = {
  /** One embedding per image. */
  vectors: readonly Float32Array[];
  /** Class index (0 … classCount − 1) of every image: the labels the simulated annotator gives. */
  labels: Int32Array;
  /** Study key of every image, the unit of the train/test split. */
  studies: readonly string[];
  classCount: number;
};

/** How the studies are split, as a retrain splits them: test studies are the fixed test set of one seed. */
export type SimulationSplit = {
  /** Share of the studies held out for testing; default 0.25. */
  testFraction?: number;
  /** Share of the studies whose revealed labels serve for early stopping; default 0.1. */
  validationFraction?: number;
  /** Mixed with the run's seed, so each seed holds out other studies; default 'loupe'. */
  seed?: string;
};

export type SimulationOptions = SimulationData & {
  /** A registered strategy name (RANDOM, MARGIN, …). */
  strategy: string;
  /** Fixes the split, the seed set, the strategy's draws and the head's shuffling. */
  seed: string;
  /** Labels revealed before the first round, stratified by class where possible. */
  seedSize: number;
  /** Labels revealed per round. */
  batchSize: number;
  /** Stop once this many labels are revealed (at most every training image). */
  maxLabels: number;
  split?: SimulationSplit;
  hyperparameters?: Partial<Hyperparameters>;
};

/** Test metrics after training on `labels` revealed labels. */
export type CurvePoint = { labels: number; accuracy: number; top2Accuracy: number };

export type SimulationResult = {
  strategy: string;
  seed: string;
  curve: CurvePoint[];
  /** Images whose labels could be revealed (training and validation studies), and held-out test images. */
  poolSize: number;
  testSize: number;
};
