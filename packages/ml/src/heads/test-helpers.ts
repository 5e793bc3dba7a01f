import { makeGaussianClasses } from './gaussian-classes';

/** Share of rows whose highest probability is the label. */
export function accuracyOf(probabilities: Float32Array, labels: Int32Array, classCount: number): number {
  let correct = 0;
  labels.forEach((label, i) => {
    let best = 0;
    for (let c = 1; c < classCount; c++) {
      if ((probabilities[i * classCount + c] as number) > (probabilities[i * classCount + best] as number))
        best = c;
    }
    if (best === label) correct += 1;
  });
  return correct / labels.length;
}

/** Mean recall over classes (balanced accuracy). */
export function balancedAccuracyOf(
  probabilities: Float32Array,
  labels: Int32Array,
  classCount: number,
): number {
  const recalls = Array.from({ length: classCount }, (_, c) => {
    const rows = [...labels.keys()].filter((i) => labels[i] === c);
    const hits = rows.filter((i) => {
      const row = probabilities.subarray(i * classCount, (i + 1) * classCount);
      return row.indexOf(Math.max(...row)) === c;
    });
    return hits.length / rows.length;
  });
  return recalls.reduce((sum, recall) => sum + recall, 0) / classCount;
}

/** Train, validation and test parts drawn from one synthetic problem. */
export function makeProblem(options: {
  count: number;
  dimension: number;
  classCount: number;
  separation: number;
  seed: string;
  classShares?: number[];
}) {
  const { dimension } = options;
  const all = makeGaussianClasses(options);
  const cut = (from: number, to: number) => ({
    features: all.features.slice(from * dimension, to * dimension),
    labels: all.labels.slice(from, to),
  });
  const trainEnd = Math.floor(options.count * 0.6);
  const validationEnd = Math.floor(options.count * 0.8);
  return {
    train: cut(0, trainEnd),
    validation: cut(trainEnd, validationEnd),
    test: cut(validationEnd, options.count),
  };
}
