export { curvesCsv, meanCurvesCsv } from './curves-csv';
export { type CurvesSvgOptions, renderCurvesSvg } from './curves-svg';
export { type FullDataOptions, fullDataAccuracy, REFERENCE_TRAINING } from './full-data-accuracy';
export { labelsToReach } from './labels-to-reach';
export { type BandPoint, meanCurve } from './mean-curve';
export { type GridOptions, type GridResult, runSimulationGrid } from './run-simulation-grid';
export { drawSeedSet } from './seed-set';
export { simulateActiveLearning } from './simulate-active-learning';
export { SimulationError, type SimulationErrorCode } from './simulation-error';
export { describeSimulation, type SimulationMeta, simulationFiles } from './simulation-files';
export { type SimulationSides, splitForSimulation } from './simulation-split';
export {
  type SeedReference,
  type SimulationSummary,
  type StrategySummary,
  type SummarizeOptions,
  summarizeSimulations,
} from './summarize-simulations';
export { formatSummaryTable } from './summary-table';
export type {
  CurvePoint,
  SimulationData,
  SimulationOptions,
  SimulationResult,
  SimulationSplit,
} from './types';
