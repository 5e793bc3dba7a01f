import { predictProbabilities, type SerializedHead } from '../heads';
import { scorePredictions } from '../queue';
import { vectorToBytes } from './ensure-embeddings';
import type { DatasetImage } from './load-dataset-images';
import type { PredictionRow } from './write-model-version';

/**
 * Unlabelled images per model version that get a distance to the labelled set and a stored sketch: the ones
 * with the smallest margins, comfortably more than the largest pool a diversity strategy draws from
 * (DIVERSE_POOL_FACTOR × 2 × the 100 items a queue request may ask for).
 */
export const DIVERSITY_CANDIDATES = 5_000;

/** Predicts and scores every embedded image under a head: the rows stored with a model version. */
export function predictionRows(args: {
  images: readonly DatasetImage[];
  vectors: ReadonlyMap<string, Float32Array>;
  head: SerializedHead;
}): PredictionRow[] {
  const { head } = args;
  const embedded = args.images.filter((image) => args.vectors.has(image.imageId));
  if (embedded.length === 0) return [];
  const rows = embedded.map((image) => args.vectors.get(image.imageId)!);
  const probabilities = predictProbabilities(head, rows);
  const classOf = new Map(head.categoryIds.map((id, index) => [id, index]));
  const scores = scorePredictions({
    probabilities,
    classCount: head.classCount,
    embeddings: rows,
    labelledMask: embedded.map((image) => image.categoryId !== null),
    currentLabels: embedded.map((image) => (image.categoryId ? (classOf.get(image.categoryId) ?? -1) : -1)),
    // Distances to a sample of a few hundred labelled images are plenty for diversity, and keep a retrain fast;
    // only the most ambiguous unlabelled images, which diversity strategies draw from, are measured and sketched.
    distance: { maxComparisons: 1e8, candidates: DIVERSITY_CANDIDATES },
  });
  return embedded.map((image, index) => {
    const score = scores[index]!;
    return {
      imageId: image.imageId,
      probabilities: Array.from(
        probabilities.subarray(index * head.classCount, (index + 1) * head.classCount),
      ),
      top1CategoryId: head.categoryIds[score.top1] ?? null,
      top1Probability: score.p1,
      top2CategoryId: head.classCount > 1 ? (head.categoryIds[score.top2] ?? null) : null,
      top2Probability: score.p2,
      margin: score.margin,
      entropy: score.entropy,
      labelledDistance: score.labelledDistance,
      labelDisagreement: score.labelDisagreement,
      sketch: score.sketch ? vectorToBytes(score.sketch) : null,
    };
  });
}
