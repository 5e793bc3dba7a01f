/** Per-image scores computed in bulk after a training run (MONAI Label's "scoring" step). */
export type ImageScore = {
  /** Position of the image in the arrays handed to scorePredictions. */
  index: number;
  top1: number;
  p1: number;
  top2: number;
  p2: number;
  /** p1 − p2: small means the model hesitates between its first two guesses (the paper's top-2 ambiguity). */
  margin: number;
  /** Shannon entropy of the class probabilities, in nats (at most ln classCount). */
  entropy: number;
  /** 1 − p1. */
  leastConfidence: number;
  isLabelled: boolean;
  currentLabel: number | null;
  /** Probability the model gives the current label; null when unlabelled or labelled with a category the model lacks. */
  labelProbability: number | null;
  /** 1 − labelProbability: how much the model disagrees with the current label; null where labelProbability is. */
  labelDisagreement: number | null;
  /**
   * Cosine distance (1 − cosine similarity) to the nearest labelled image, from the embedding sketches;
   * 0 for a labelled image; null without embeddings or without any labelled image.
   */
  labelledDistance: number | null;
  /** Unit-length sketch of the embedding (see sketchEmbeddings), used by diversity strategies; null without embeddings. */
  sketch: Float32Array | null;
};

export type RankOptions = {
  batchSize: number;
  /** Indices (ImageScore.index) to leave out, e.g. images leased to another annotator. */
  exclude?: ReadonlySet<number> | readonly number[];
  seed?: string;
  /** Category name of each class index, for the reasons. */
  categoryNames?: readonly string[];
};

export type ResolvedRankOptions = {
  batchSize: number;
  exclude: ReadonlySet<number>;
  seed: string;
  categoryNames: readonly string[];
};

/** One image to show an annotator, with a higher score meaning more worth labelling and a human reason. */
export type Candidate = { index: number; score: number; reason: string };

/** A named, cheap ranking over stored scores (MONAI Label's "strategy" step). */
export type Strategy = {
  name: string;
  description: string;
  rank: (scores: readonly ImageScore[], options: ResolvedRankOptions) => Candidate[];
};
