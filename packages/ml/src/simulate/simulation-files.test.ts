import { describe, expect, it } from 'vitest';
import { simulationFiles } from './simulation-files';
import { summarizeSimulations } from './summarize-simulations';
import { formatSummaryTable } from './summary-table';
import type { SimulationResult } from './types';

const run = (strategy: string, seed: string, accuracies: number[]): SimulationResult => ({
  strategy,
  seed,
  curve: accuracies.map((accuracy, i) => ({ labels: 20 * (i + 1), accuracy, top2Accuracy: 0.9 })),
  poolSize: 100,
  testSize: 40,
});
const runs = [
  run('RANDOM', '1', [0.4, 0.5, 0.6]),
  run('RANDOM', '2', [0.4, 0.6, 0.6]),
  run('MARGIN', '1', [0.4, 0.7, 0.7]),
  run('MARGIN', '2', [0.4, 0.7, 0.7]),
];
const fullData = ['1', '2'].map((seed) => ({
  seed,
  point: { labels: 100, accuracy: 0.7, top2Accuracy: 0.9 },
}));
const summary = summarizeSimulations({ runs, fullData });
const meta = {
  dataset: 'liver & <kidney>',
  images: 140,
  categories: ['liver', 'kidney'],
  studies: 35,
  backbone: 'mobilenet-v2-block10@224-abc',
  backend: 'wasm',
  seedSize: 20,
  batchSize: 20,
};

describe('simulationFiles', () => {
  const files = simulationFiles(runs, summary, meta);

  it('writes every seed curve and the mean curves as CSV', () => {
    const curves = (files['curves.csv'] as string).trim().split('\n');
    expect(curves[0]).toBe('strategy,seed,labels,accuracy,top2_accuracy');
    expect(curves).toHaveLength(13);
    expect(curves[2]).toBe('RANDOM,1,40,0.5,0.9');
    const mean = (files['mean-curves.csv'] as string).trim().split('\n');
    expect(mean[2]).toBe('RANDOM,40,0.55,0.5,0.6,0.9,2');
  });

  it('draws one band and one line per strategy, the reference lines and labelled axes, escaped', () => {
    const svg = files['learning-curves.svg'] as string;
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg.match(/<polygon /g)).toHaveLength(2);
    expect(svg).toContain('labels revealed');
    expect(svg).toContain('test accuracy (mean of 2 seeds, band min–max)');
    expect(svg.match(/stroke-dasharray="6 4"/g)).toHaveLength(2);
    expect(svg).toMatch(/>all training labels<\/text><text [^>]*>70 %<\/text>/);
    expect(svg).toMatch(/>target: 95 % of that<\/text><text [^>]*>66\.5 %<\/text>/);
    expect(svg).toContain('liver &amp; &lt;kidney&gt;');
    expect(svg).not.toContain('<kidney>');
    expect(svg).toContain('mobilenet-v2-block10 embeddings on wasm');
  });

  it('keeps the summary with what it ran on as JSON', () => {
    const json = JSON.parse(files['summary.json'] as string);
    expect(json).toMatchObject({
      dataset: meta.dataset,
      backend: 'wasm',
      baseline: 'RANDOM',
      targetShare: 0.95,
    });
    expect(json.strategies).toHaveLength(2);
  });
});

describe('formatSummaryTable', () => {
  it('lists labels to the target, per seed, and the ratio to RANDOM', () => {
    const table = formatSummaryTable(summary);
    expect(table).toContain('full data: 70.0 % (top-2 90.0 %), mean of 2 seeds');
    expect(table).toContain('target: 95 % of it = 66.5 %');
    expect(table).toMatch(/RANDOM +not reached +– \/ – +– +60\.0 % at 60/);
    expect(table).toMatch(/MARGIN +38 +38 \/ 38 +– +70\.0 % at 60/);
  });
});
