import { curvesCsv, meanCurvesCsv } from './curves-csv';
import { renderCurvesSvg } from './curves-svg';
import type { SimulationSummary } from './summarize-simulations';
import type { SimulationResult } from './types';

/** What a simulation ran on, for its report and plot. */
export type SimulationMeta = {
  dataset: string;
  images: number;
  categories: string[];
  studies: number;
  backbone: string;
  backend: string;
  seedSize: number;
  batchSize: number;
};

/** One line naming the data and the embeddings. */
export function describeSimulation(meta: SimulationMeta): string {
  return (
    `${meta.dataset}: ${meta.images} labelled images in ${meta.studies} studies, ` +
    `categories ${meta.categories.join(', ')}; ${meta.backbone} embeddings on ${meta.backend}`
  );
}

/** The files of a simulation's report by name: per-seed and mean curves (CSV), the summary (JSON) and the plot (SVG). */
export function simulationFiles(
  runs: readonly SimulationResult[],
  summary: SimulationSummary,
  meta: SimulationMeta,
): Record<string, string> {
  const title = `Label efficiency: ${meta.dataset} (${meta.categories.length} categories, ${meta.images} images, ${meta.studies} studies)`;
  const subtitle = `${meta.backbone.split('@')[0]} embeddings on ${meta.backend}; linear head; ${meta.seedSize} seed labels, then ${meta.batchSize} per round`;
  return {
    'curves.csv': curvesCsv(runs),
    'mean-curves.csv': meanCurvesCsv(summary),
    'summary.json': `${JSON.stringify({ ...meta, ...summary }, null, 2)}\n`,
    'learning-curves.svg': renderCurvesSvg(summary, { title, subtitle }),
  };
}
