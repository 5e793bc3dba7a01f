import type { Hyperparameters } from '../heads/hyperparameters';
import { predictProbabilities } from '../heads/predict';
import { trainHead } from '../heads/train-head';
import type { SerializedHead } from '../heads/types';
import { topKAccuracy } from '../metrics/accuracy';
import type { CurvePoint, SimulationData } from './types';

export type TrainAndTestInput = {
  data: SimulationData;
  /** Image indices whose labels are revealed. */
  labelled: readonly number[];
  /** Images of validation studies: their revealed labels stop training early instead of training. */
  validation: ReadonlySet<number>;
  test: readonly number[];
  seed: string;
  warmStart?: SerializedHead;
  hyperparameters?: Partial<Hyperparameters>;
};

const pick = (vectors: readonly Float32Array[], indices: readonly number[]) =>
  indices.map((index) => vectors[index] as Float32Array);

/**
 * Probabilities over all `classCount` classes from a head that knows only the classes it was trained on
 * (its category ids are class indices); a class it never saw gets probability 0.
 */
export function predictAllClasses(
  head: SerializedHead,
  vectors: readonly Float32Array[],
  classCount: number,
): Float32Array {
  const known = predictProbabilities(head, vectors);
  const classOf = head.categoryIds.map(Number);
  const out = new Float32Array(vectors.length * classCount);
  for (let i = 0; i < vectors.length; i++) {
    classOf.forEach((c, k) => {
      out[i * classCount + c] = known[i * head.classCount + k] as number;
    });
  }
  return out;
}

/**
 * Trains the linear head on the revealed labels as a retrain would: the revealed labels of training studies
 * train it, those of validation studies stop it early; only the categories seen in training, class-balanced,
 * warm-started (a newly seen category starts at zero). Then measures it on the test images.
 */
export async function trainAndTest(
  input: TrainAndTestInput,
): Promise<{ head: SerializedHead; point: CurvePoint }> {
  const { data, labelled, test } = input;
  const classOf = (index: number) => data.labels[index] as number;
  const train = labelled.filter((index) => !input.validation.has(index));
  const present = [...new Set(train.map(classOf))].sort((a, b) => a - b);
  const classIndex = new Map(present.map((c, k) => [c, k]));
  const validation = labelled.filter(
    (index) => input.validation.has(index) && classIndex.has(classOf(index)),
  );
  const trained = await trainHead({
    kind: 'linear',
    features: pick(data.vectors, train),
    labels: Int32Array.from(train, (index) => classIndex.get(classOf(index)) as number),
    classCount: present.length,
    categoryIds: present.map(String),
    validation: {
      features: pick(data.vectors, validation),
      labels: Int32Array.from(validation, (index) => classIndex.get(classOf(index)) as number),
    },
    warmStart: input.warmStart,
    hyperparameters: { seed: input.seed, ...input.hyperparameters },
  });
  const probabilities = predictAllClasses(trained.weights, pick(data.vectors, test), data.classCount);
  const testLabels = Int32Array.from(test, classOf);
  const point = {
    labels: labelled.length,
    accuracy: topKAccuracy(probabilities, testLabels, data.classCount, 1),
    top2Accuracy: topKAccuracy(probabilities, testLabels, data.classCount, 2),
  };
  return { head: trained.weights, point };
}
