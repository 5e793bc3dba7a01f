import { describe, expect, it } from 'vitest';
import { runSimulationGrid } from './run-simulation-grid';
import { summarizeSimulations } from './summarize-simulations';
import { gaussianSimulationData } from './test-data';

// Two overlapping classes: most images are far from the boundary, so asking about the ambiguous ones pays.
const data = gaussianSimulationData({ count: 1200, classCount: 2, separation: 1.5, seed: 'exp' });

describe('runSimulationGrid', () => {
  it('runs every strategy under every seed, and MARGIN needs fewer labels than RANDOM here', async () => {
    const messages: string[] = [];
    const grid = await runSimulationGrid({
      ...data,
      strategies: ['RANDOM', 'MARGIN'],
      seeds: ['1', '2', '3'],
      seedSize: 6,
      batchSize: 10,
      maxLabels: 300,
      onProgress: (done, total, message) => messages.push(`${done}/${total} ${message}`),
    });
    expect(grid.runs.map((run) => `${run.strategy}:${run.seed}`)).toEqual([
      'RANDOM:1',
      'MARGIN:1',
      'RANDOM:2',
      'MARGIN:2',
      'RANDOM:3',
      'MARGIN:3',
    ]);
    expect(grid.fullData.map((reference) => reference.seed)).toEqual(['1', '2', '3']);
    expect(messages).toHaveLength(9);
    expect(messages[8]).toMatch(/^9\/9 seed 3: MARGIN/);
    const summary = summarizeSimulations({ ...grid, targetShare: 0.98 });
    const margin = summary.strategies.find((strategy) => strategy.strategy === 'MARGIN');
    expect(margin?.ratioToBaseline).toBeLessThan(0.8);
    for (const seed of margin?.labelsToTargetBySeed ?? []) expect(seed.labels).not.toBeNull();
  });

  it('rejects an unknown strategy before running anything', async () => {
    const run = runSimulationGrid({
      ...data,
      strategies: ['RANDOM', 'OLDEST'],
      seeds: ['1'],
      seedSize: 6,
      batchSize: 10,
      maxLabels: 20,
    });
    await expect(run).rejects.toMatchObject({ code: 'UNKNOWN_STRATEGY' });
  });
});
