import type { SimulationSummary } from './summarize-simulations';
import type { SimulationResult } from './types';

const round = (value: number) => Number(value.toFixed(6));

/** Every seed's learning curve, one row per round (strategy names and seeds are plain identifiers). */
export function curvesCsv(runs: readonly SimulationResult[]): string {
  const rows = runs.flatMap((run) =>
    run.curve.map((point) => [
      run.strategy,
      run.seed,
      point.labels,
      round(point.accuracy),
      round(point.top2Accuracy),
    ]),
  );
  return `${[['strategy', 'seed', 'labels', 'accuracy', 'top2_accuracy'], ...rows].map((row) => row.join(',')).join('\n')}\n`;
}

/** The mean curve of every strategy over seeds, with the min–max band. */
export function meanCurvesCsv(summary: SimulationSummary): string {
  const header = [
    'strategy',
    'labels',
    'accuracy_mean',
    'accuracy_min',
    'accuracy_max',
    'top2_accuracy_mean',
    'seeds',
  ];
  const rows = summary.strategies.flatMap(({ strategy, curve }) =>
    curve.map((p) => [
      strategy,
      p.labels,
      round(p.accuracy),
      round(p.minAccuracy),
      round(p.maxAccuracy),
      round(p.top2Accuracy),
      p.seedCount,
    ]),
  );
  return `${[header, ...rows].map((row) => row.join(',')).join('\n')}\n`;
}
