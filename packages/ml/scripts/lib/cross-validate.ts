import { disposeLogistic, fitLogistic, predictClasses } from './logistic-regression';

export type CrossValidation = {
  /** Mean and standard deviation of the per-fold accuracies. */
  accuracy: { mean: number; sd: number };
  /** Mean per-class recall over all out-of-fold predictions. */
  balancedAccuracy: number;
};

export function summarise(perFold: number[]): { mean: number; sd: number } {
  const mean = perFold.reduce((a, b) => a + b, 0) / perFold.length;
  const variance = perFold.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, perFold.length - 1);
  return { mean, sd: Math.sqrt(variance) };
}

export function balancedAccuracy(labels: Int32Array, predicted: Int32Array, classes: number): number {
  const recalls = Array.from({ length: classes }, (_, c) => {
    const members = labels.reduce((n, label) => n + (label === c ? 1 : 0), 0);
    const hits = labels.reduce((n, label, i) => n + (label === c && predicted[i] === c ? 1 : 0), 0);
    return members === 0 ? null : hits / members;
  }).filter((recall): recall is number => recall !== null);
  return recalls.reduce((a, b) => a + b, 0) / recalls.length;
}

/** Out-of-fold predictions of `predict` (trained on the other folds) and their summary. */
export function crossValidate(
  folds: Int32Array,
  labels: Int32Array,
  classes: number,
  predict: (train: number[], test: number[]) => number[],
): CrossValidation {
  const foldCount = Math.max(...folds) + 1;
  const predicted = new Int32Array(labels.length);
  const perFold: number[] = [];
  for (let fold = 0; fold < foldCount; fold++) {
    const rows = Array.from(labels.keys());
    const [train, test] = [rows.filter((i) => folds[i] !== fold), rows.filter((i) => folds[i] === fold)];
    const guesses = predict(train, test);
    test.forEach((row, k) => {
      predicted[row] = guesses[k] as number;
    });
    perFold.push(test.filter((row, k) => guesses[k] === labels[row]).length / test.length);
  }
  return { accuracy: summarise(perFold), balancedAccuracy: balancedAccuracy(labels, predicted, classes) };
}

/** Predicts the most frequent training class for every test row. */
export function majorityPredictor(labels: Int32Array, classes: number) {
  return (train: number[], test: number[]): number[] => {
    const counts = new Array<number>(classes).fill(0);
    for (const row of train) counts[labels[row] as number] = (counts[labels[row] as number] as number) + 1;
    return test.map(() => counts.indexOf(Math.max(...counts)));
  };
}

/** Plain multinomial logistic regression on the given vectors. */
export function logisticPredictor(vectors: Float32Array[], labels: Int32Array, classes: number, l2: number) {
  return (train: number[], test: number[]): number[] => {
    const model = fitLogistic(
      train.map((i) => vectors[i] as Float32Array),
      Int32Array.from(train, (i) => labels[i] as number),
      classes,
      { l2 },
    );
    const guesses = predictClasses(
      model,
      test.map((i) => vectors[i] as Float32Array),
    );
    disposeLogistic(model);
    return guesses;
  };
}
