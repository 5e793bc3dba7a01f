import { getStrategy } from '../queue/strategy-registry';
import { fullDataAccuracy } from './full-data-accuracy';
import { simulateActiveLearning } from './simulate-active-learning';
import type { SeedReference } from './summarize-simulations';
import type { SimulationOptions, SimulationResult } from './types';

export type GridOptions = Omit<SimulationOptions, 'strategy' | 'seed'> & {
  strategies: readonly string[];
  seeds: readonly string[];
  /** Called after each finished run (and each full-data reference) with the count done and the total. */
  onProgress?: (done: number, total: number, message: string) => void;
};

export type GridResult = { runs: SimulationResult[]; fullData: SeedReference[] };

/** Every strategy under every seed, plus each seed's full-data reference. Unknown strategies fail first. */
export async function runSimulationGrid(options: GridOptions): Promise<GridResult> {
  const { strategies, seeds, onProgress, ...shared } = options;
  for (const strategy of strategies) getStrategy(strategy);
  const total = seeds.length * (strategies.length + 1);
  let done = 0;
  const runs: SimulationResult[] = [];
  const fullData: SeedReference[] = [];
  for (const seed of seeds) {
    const point = await fullDataAccuracy({ ...shared, seed });
    fullData.push({ seed, point });
    onProgress?.(
      ++done,
      total,
      `seed ${seed}: full data (${point.labels} labels) ${(point.accuracy * 100).toFixed(1)} %`,
    );
    for (const strategy of strategies) {
      const run = await simulateActiveLearning({ ...shared, strategy, seed });
      runs.push(run);
      const last = run.curve.at(-1);
      onProgress?.(
        ++done,
        total,
        `seed ${seed}: ${strategy} ${last ? `${(last.accuracy * 100).toFixed(1)} % at ${last.labels} labels` : ''}`,
      );
    }
  }
  return { runs, fullData };
}
