export { accuracy, topKAccuracy } from './accuracy';
export { cohensKappa, mcnemarExactTest } from './agreement';
export {
  calibrationErrorOfBins,
  expectedCalibrationError,
  type ReliabilityBin,
  reliabilityDiagram,
} from './calibration';
export { predictedClasses, topKHits } from './class-ranking';
export {
  type BootstrapInterval,
  type BootstrapOptions,
  clusterBootstrapInterval,
  clusterBootstrapIntervals,
} from './cluster-bootstrap';
export { type ClassMetrics, confusionMatrix, macroF1, perClassPrecisionRecallF1 } from './confusion';
export { type EvaluateInput, type Evaluation, evaluate, type Metrics } from './evaluate';
export {
  type ProportionSummary,
  type Rater,
  type RaterCall,
  type RaterComparison,
  type RaterSummary,
  type ReaderStudyInput,
  type ReaderStudySummary,
  summarizeReaderStudy,
} from './reader-study';
export { type Interval, normalQuantile, wilsonInterval } from './wilson-interval';
