import { predictedClasses, rowCountOf } from './class-ranking';

/** One bar of a reliability diagram: images whose top-1 confidence lies in (lower, upper]. */
export type ReliabilityBin = {
  lower: number;
  upper: number;
  count: number;
  /** Mean top-1 probability in the bin; null for an empty bin. */
  meanConfidence: number | null;
  /** Share of the bin's images whose top-1 class is the label; null for an empty bin. */
  accuracy: number | null;
};

/** Equal-width bins of top-1 confidence (the first bin also holds confidence 0). */
export function reliabilityDiagram(
  probabilities: Float32Array,
  labels: ArrayLike<number>,
  classCount: number,
  binCount = 10,
): ReliabilityBin[] {
  const rowCount = rowCountOf(probabilities, labels, classCount);
  const predicted = predictedClasses(probabilities, classCount);
  const counts = new Array<number>(binCount).fill(0);
  const confidenceSums = new Array<number>(binCount).fill(0);
  const hits = new Array<number>(binCount).fill(0);
  for (let i = 0; i < rowCount; i++) {
    const confidence = probabilities[i * classCount + (predicted[i] as number)] as number;
    const bin = Math.min(binCount - 1, Math.max(0, Math.ceil(confidence * binCount) - 1));
    counts[bin] = (counts[bin] as number) + 1;
    confidenceSums[bin] = (confidenceSums[bin] as number) + confidence;
    if (predicted[i] === labels[i]) hits[bin] = (hits[bin] as number) + 1;
  }
  return counts.map((count, bin) => ({
    lower: bin / binCount,
    upper: (bin + 1) / binCount,
    count,
    meanConfidence: count > 0 ? (confidenceSums[bin] as number) / count : null,
    accuracy: count > 0 ? (hits[bin] as number) / count : null,
  }));
}

/** Σ_bins (count / n) · |accuracy − mean confidence| over the bins of a reliability diagram (Guo et al. 2017). */
export function calibrationErrorOfBins(bins: readonly ReliabilityBin[]): number {
  const total = bins.reduce((sum, bin) => sum + bin.count, 0);
  if (total === 0) return 0;
  return bins.reduce((sum, bin) => {
    if (bin.count === 0) return sum;
    return sum + (bin.count / total) * Math.abs((bin.accuracy ?? 0) - (bin.meanConfidence ?? 0));
  }, 0);
}

/** Expected calibration error with equal-width bins; the class count is read off the matrix shape. */
export function expectedCalibrationError(
  probabilities: Float32Array,
  labels: ArrayLike<number>,
  binCount = 10,
): number {
  const classCount = labels.length === 0 ? 1 : probabilities.length / labels.length;
  return calibrationErrorOfBins(reliabilityDiagram(probabilities, labels, classCount, binCount));
}
