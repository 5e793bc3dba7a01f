/**
 * Label-efficiency benchmark: how many labels each review-queue strategy needs to reach 95 % of the
 * full-data accuracy, against RANDOM. Drives the `loupe` command line as a user would: renders a synthetic
 * dataset, imports it and BUS-BRA (both label sets) into a scratch data folder, then runs `loupe simulate`
 * on each and writes the curves, summaries and plots to bench/results/label-efficiency/<dataset>/
 * (<dataset>-<backbone>/ when LOUPE_BACKBONE is set).
 *
 *   npx tsx bench/label-efficiency.ts [--seeds 5] [--difficulty 0.25] [--only synthetic|busbra-birads|busbra-pathology]
 *
 * Scratch data: $LOUPE_DATA_DIR, else /tmp/loupe-label-efficiency/data (embeddings are cached there, so a
 * rerun only simulates). The backbone and backend follow LOUPE_BACKBONE and LOUPE_TF_BACKEND.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateDataset, writeDataset } from '../src/synthetic';

const { values: args } = parseArgs({
  options: {
    seeds: { type: 'string', default: '5' },
    difficulty: { type: 'string', default: '0.25' },
    only: { type: 'string' },
    scratch: { type: 'string', default: '/tmp/loupe-label-efficiency' },
  },
});

const here = path.dirname(new URL(import.meta.url).pathname);
const loupe = path.resolve(here, '../../../apps/api/bin/loupe.mjs');
const results = path.resolve(here, 'results/label-efficiency');
const busbra = '/work/shared/data/busbra';
const dataDir = process.env.LOUPE_DATA_DIR ?? path.join(args.scratch, 'data');

type Dataset = { name: string; prepare: () => Promise<string[]> };

/** Runs the loupe command with the scratch data folder; output goes to this terminal. */
function runLoupe(commandArgs: string[]): Promise<void> {
  console.log(`$ loupe ${commandArgs.join(' ')}`);
  const child = spawn(process.execPath, [loupe, ...commandArgs], {
    stdio: 'inherit',
    env: { ...process.env, LOUPE_DATA_DIR: dataDir },
  });
  return new Promise((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`loupe ${commandArgs[0]} exited with ${code}`)),
    ),
  );
}

/** A synthetic dataset of 200 studies × 6 images over the 11 demo views, rendered once. */
async function syntheticImport(difficulty: number): Promise<string[]> {
  const folder = path.join(args.scratch, `synthetic-d${difficulty}`);
  if (!existsSync(path.join(folder, 'manifest.csv'))) {
    const plan = generateDataset({ seed: 2017, studies: 200, imagesPerStudy: 6, difficulty });
    console.log(`rendering ${plan.studies.length * 6} synthetic images into ${folder}`);
    await writeDataset(folder, plan);
  }
  return [folder, '--manifest', path.join(folder, 'manifest.csv')];
}

const busbraImport = (manifest: string) => async () => [
  busbra,
  ...['--manifest', path.join(busbra, manifest), '--study-column', 'group', '--label-column', 'label'],
];

const difficulty = Number(args.difficulty);
const datasets: Dataset[] = [
  { name: `synthetic-d${difficulty}`, prepare: () => syntheticImport(difficulty) },
  { name: 'busbra-birads', prepare: busbraImport('manifest.csv') },
  { name: 'busbra-pathology', prepare: busbraImport('manifest_pathology.csv') },
];

for (const dataset of datasets) {
  if (args.only && !dataset.name.startsWith(args.only)) continue;
  if (dataset.name.startsWith('busbra') && !existsSync(busbra)) {
    console.log(`skipping ${dataset.name}: ${busbra} is not here`);
    continue;
  }
  // A re-import of the same files is a no-op, so this is cheap after the first run.
  await runLoupe(['import', ...(await dataset.prepare()), '--dataset', dataset.name, '--json']);
  // Runs on another backbone than the default go to their own folder.
  const out = path.join(results, [dataset.name, process.env.LOUPE_BACKBONE].filter(Boolean).join('-'));
  await runLoupe(['simulate', '--dataset', dataset.name, '--seeds', args.seeds, '--out', out]);
}
