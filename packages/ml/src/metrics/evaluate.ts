import { calibrationErrorOfBins, type ReliabilityBin, reliabilityDiagram } from './calibration';
import { predictedClasses, rowCountOf, topKHits } from './class-ranking';
import {
  type BootstrapInterval,
  type BootstrapOptions,
  clusterBootstrapIntervals,
} from './cluster-bootstrap';
import { type ClassMetrics, confusionMatrix, macroF1, perClassPrecisionRecallF1 } from './confusion';
import { type Interval, wilsonInterval } from './wilson-interval';

export type EvaluateInput = {
  /** n × classCount row-major class probabilities of the test images. */
  probabilities: Float32Array;
  /** Class index of every test image; −1 (or any index outside the classes) for a category the model never saw. */
  labels: Int32Array | readonly number[];
  /** Study key of every test image, the unit of the bootstrap. */
  clusters: readonly string[];
  classCount: number;
  bootstrap?: BootstrapOptions;
  reliabilityBins?: number;
};

/** Plain JSON-serialisable numbers for a model version's record. */
export type Metrics = {
  n: number;
  classCount: number;
  studyCount: number;
  /** Test images whose category the model does not have; always counted wrong. */
  unknownLabelCount: number;
  accuracy: number;
  accuracyInterval: BootstrapInterval;
  accuracyWilson: Interval;
  top2Accuracy: number;
  top2Interval: BootstrapInterval;
  perClass: ClassMetrics[];
  macroF1: number | null;
  /** confusion[trueClass][predictedClass]; images of unknown categories are not in it. */
  confusion: number[][];
  ece: number;
  reliability: ReliabilityBin[];
};

export type Evaluation =
  | { status: 'EVALUATED'; metrics: Metrics }
  | { status: 'NO_TEST_DATA'; n: 0; message: string };

/**
 * All test-set metrics of one model version. Zero test images give an explicit NO_TEST_DATA result
 * instead of NaN. Intervals: cluster (study) bootstrap percentile intervals, plus a Wilson interval that
 * treats images as independent for comparison.
 */
export function evaluate(input: EvaluateInput): Evaluation {
  const { probabilities, labels, clusters, classCount } = input;
  const n = rowCountOf(probabilities, labels, classCount);
  if (n === 0)
    return { status: 'NO_TEST_DATA', n: 0, message: 'There are no labelled test images to evaluate on.' };
  const top1 = topKHits(probabilities, labels, classCount, 1);
  const top2 = topKHits(probabilities, labels, classCount, 2);
  const hits = top1.filter(Boolean).length;
  const confusion = confusionMatrix(predictedClasses(probabilities, classCount), labels, classCount);
  const perClass = perClassPrecisionRecallF1(confusion);
  const reliability = reliabilityDiagram(probabilities, labels, classCount, input.reliabilityBins ?? 10);
  const [accuracyInterval, top2Interval] = clusterBootstrapIntervals(
    [top1, top2],
    clusters,
    input.bootstrap,
  ) as [BootstrapInterval, BootstrapInterval];
  return {
    status: 'EVALUATED',
    metrics: {
      n,
      classCount,
      studyCount: accuracyInterval.clusterCount,
      unknownLabelCount: Array.from(labels).filter((label) => label < 0 || label >= classCount).length,
      accuracy: hits / n,
      accuracyInterval,
      accuracyWilson: wilsonInterval(hits, n, input.bootstrap?.level ?? 0.95),
      top2Accuracy: top2.filter(Boolean).length / n,
      top2Interval,
      perClass,
      macroF1: macroF1(perClass),
      confusion,
      ece: calibrationErrorOfBins(reliability),
      reliability,
    },
  };
}
