/**
 * Which built-in backbone and input scaling to ship by default: embeds BUS-BRA with each cut × scaling
 * (cached under /tmp) and runs patient-grouped 5-fold cross-validation of a plain multinomial logistic
 * regression, against the majority-class baseline. Writes scripts/results/choose-backbone-<manifest>.json.
 *   npx tsx scripts/choose-backbone.ts [manifest=/work/shared/data/busbra/manifest.csv] [workers]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuiltinBackboneName, Scaling } from '../src/backbone';
import { initBackend } from '../src/backend';
import { crossValidate, logisticPredictor, majorityPredictor } from './lib/cross-validate';
import { embedFiles } from './lib/embedding-cache';
import { groupedFolds } from './lib/grouped-folds';
import { type ManifestRow, readManifest } from './lib/manifest';

const manifestPath = process.argv[2] ?? '/work/shared/data/busbra/manifest.csv';
const workers = process.argv[3] ? Number(process.argv[3]) : undefined;
const cuts: BuiltinBackboneName[] = ['mobilenet-v2-pool', 'mobilenet-v2-block10'];
const scalingsToTry: Scaling[] = ['[0,1]', '[-1,1]'];
const penalties = [1e-3, 1e-2, 1e-1, 1, 10];

type Line = {
  backbone: string;
  scaling?: Scaling;
  id?: string;
  l2?: number;
  accuracy: number;
  sd: number;
  balancedAccuracy: number;
};
type Task = { rows: ManifestRow[]; labels: Int32Array; folds: Int32Array; classes: number };

const percent = (value: number) => `${(100 * value).toFixed(1)}`;

async function evaluateCut(task: Task, backbone: BuiltinBackboneName, scaling: Scaling): Promise<Line[]> {
  const files = task.rows.map((row) => row.file);
  const { id, vectors } = await embedFiles({ source: 'builtin', name: backbone, scaling }, files, workers);
  return penalties.map((l2) => {
    const predictor = logisticPredictor(vectors, task.labels, task.classes, l2);
    const { accuracy, balancedAccuracy } = crossValidate(task.folds, task.labels, task.classes, predictor);
    const line = { backbone, scaling, id, l2, accuracy: accuracy.mean, sd: accuracy.sd, balancedAccuracy };
    console.log(
      `  ${backbone} ${scaling} l2=${l2}: ${percent(line.accuracy)} ± ${percent(line.sd)} %, balanced ${percent(balancedAccuracy)} %`,
    );
    return line;
  });
}

function printTable(lines: Line[]): void {
  console.log('\n| backbone | scaling | L2 | accuracy (mean ± sd, 5 folds) | balanced accuracy |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const line of lines) {
    const accuracy = `${percent(line.accuracy)} ± ${percent(line.sd)} %`;
    console.log(
      `| ${line.backbone} | ${line.scaling ?? ''} | ${line.l2 ?? ''} | ${accuracy} | ${percent(line.balancedAccuracy)} % |`,
    );
  }
}

async function writeReport(task: Task, classNames: string[], lines: Line[]): Promise<void> {
  const report = {
    date: new Date().toISOString(),
    manifest: manifestPath,
    images: task.rows.length,
    classes: classNames,
    lines,
  };
  const name = `choose-backbone-${path.basename(manifestPath, '.csv')}.json`;
  await mkdir(new URL('./results/', import.meta.url), { recursive: true });
  await writeFile(new URL(`./results/${name}`, import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
}

async function main(): Promise<void> {
  await initBackend('auto');
  const rows = await readManifest(manifestPath);
  const classNames = [...new Set(rows.map((row) => row.label))].sort();
  const task: Task = {
    rows,
    labels: Int32Array.from(rows, (row) => classNames.indexOf(row.label)),
    folds: groupedFolds(
      rows.map((row) => row.group),
      5,
    ),
    classes: classNames.length,
  };
  console.log(
    `${rows.length} images, ${new Set(rows.map((r) => r.group)).size} patients, classes ${classNames.join(' ')}`,
  );
  const majority = crossValidate(
    task.folds,
    task.labels,
    task.classes,
    majorityPredictor(task.labels, task.classes),
  );
  const { accuracy, balancedAccuracy } = majority;
  const lines: Line[] = [
    { backbone: 'majority class', accuracy: accuracy.mean, sd: accuracy.sd, balancedAccuracy },
  ];
  for (const backbone of cuts)
    for (const scaling of scalingsToTry) lines.push(...(await evaluateCut(task, backbone, scaling)));
  printTable(lines);
  await writeReport(task, classNames, lines);
}

await main();
