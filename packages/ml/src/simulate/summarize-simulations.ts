import { labelsToReach } from './labels-to-reach';
import { type BandPoint, meanCurve } from './mean-curve';
import type { CurvePoint, SimulationResult } from './types';

/** The full-data reference of one seed: trained on every training label of that seed's split. */
export type SeedReference = { seed: string; point: CurvePoint };

export type StrategySummary = {
  strategy: string;
  curve: BandPoint[];
  /** Labels at which the mean curve reaches the target accuracy; null when it never does. */
  labelsToTarget: number | null;
  /** Each seed's curve against its own target (targetShare × that seed's full-data accuracy). */
  labelsToTargetBySeed: { seed: string; labels: number | null }[];
  /** labelsToTarget over the baseline's; null when either never reaches the target. */
  ratioToBaseline: number | null;
};

export type SimulationSummary = {
  targetShare: number;
  baseline: string;
  /** Mean over seeds of the full-data test accuracy. */
  fullDataAccuracy: number;
  fullDataTop2Accuracy: number;
  targetAccuracy: number;
  fullData: SeedReference[];
  strategies: StrategySummary[];
};

export type SummarizeOptions = {
  runs: readonly SimulationResult[];
  fullData: readonly SeedReference[];
  /** Share of the full-data accuracy to reach; default 0.95. */
  targetShare?: number;
  /** The strategy the others are compared with; default RANDOM. */
  baseline?: string;
};

const mean = (values: readonly number[]) =>
  values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

/**
 * How many labels each strategy needs to reach `targetShare` of the full-data accuracy, on the mean curve
 * over seeds (and per seed), and how that compares with the baseline strategy.
 */
export function summarizeSimulations(options: SummarizeOptions): SimulationSummary {
  const { runs, fullData, targetShare = 0.95, baseline = 'RANDOM' } = options;
  const fullDataAccuracy = mean(fullData.map((reference) => reference.point.accuracy));
  const targetAccuracy = targetShare * fullDataAccuracy;
  const targetOfSeed = new Map(
    fullData.map((reference) => [reference.seed, targetShare * reference.point.accuracy]),
  );
  const strategies = [...new Set(runs.map((run) => run.strategy))].map((strategy) => {
    const own = runs.filter((run) => run.strategy === strategy);
    const curve = meanCurve(own.map((run) => run.curve));
    return {
      strategy,
      curve,
      labelsToTarget: labelsToReach(curve, targetAccuracy),
      labelsToTargetBySeed: own.map((run) => ({
        seed: run.seed,
        labels: labelsToReach(run.curve, targetOfSeed.get(run.seed) ?? targetAccuracy),
      })),
    };
  });
  const baselineLabels = strategies.find((summary) => summary.strategy === baseline)?.labelsToTarget ?? null;
  return {
    targetShare,
    baseline,
    fullDataAccuracy,
    fullDataTop2Accuracy: mean(fullData.map((reference) => reference.point.top2Accuracy)),
    targetAccuracy,
    fullData: [...fullData],
    strategies: strategies.map((summary) => ({
      ...summary,
      ratioToBaseline:
        summary.labelsToTarget === null || baselineLabels === null
          ? null
          : summary.labelsToTarget / baselineLabels,
    })),
  };
}
