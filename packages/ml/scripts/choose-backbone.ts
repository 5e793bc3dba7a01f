/**
 * Which built-in backbone and input scaling to ship by default: embeds BUS-BRA with each cut × scaling
 * (cached under /tmp) and runs patient-grouped 5-fold cross-validation of a plain multinomial logistic
 * regression, against the majority-class baseline. Writes scripts/results/choose-backbone.json.
 *   npx tsx scripts/choose-backbone.ts [manifest=/work/shared/data/busbra/manifest.csv] [workers=2]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import type { BackboneSpec, BuiltinBackboneName, Scaling } from '../src/backbone';
import { initBackend } from '../src/backend';
import { crossValidate, logisticPredictor, majorityPredictor } from './lib/cross-validate';
import { embedFiles } from './lib/embedding-cache';
import { groupedFolds } from './lib/grouped-folds';
import { readManifest } from './lib/manifest';

const manifestPath = process.argv[2] ?? '/work/shared/data/busbra/manifest.csv';
const workers = process.argv[3] ? Number(process.argv[3]) : undefined;
const cuts: BuiltinBackboneName[] = ['mobilenet-v2-pool', 'mobilenet-v2-block10'];
const scalingsToTry: Scaling[] = ['[0,1]', '[-1,1]'];
const penalties = [1e-3, 1e-2, 1e-1];

type Line = {
  config: string;
  id?: string;
  l2?: number;
  accuracy: number;
  sd: number;
  balancedAccuracy: number;
};

const percent = (value: number) => `${(100 * value).toFixed(1)}`;

async function main(): Promise<void> {
  await initBackend('auto');
  const rows = await readManifest(manifestPath);
  const classNames = [...new Set(rows.map((row) => row.label))].sort();
  const labels = Int32Array.from(rows, (row) => classNames.indexOf(row.label));
  const folds = groupedFolds(
    rows.map((row) => row.group),
    5,
  );
  const classes = classNames.length;
  console.log(
    `${rows.length} images, ${new Set(rows.map((r) => r.group)).size} patients, classes ${classNames.join(' ')}`,
  );
  const majority = crossValidate(folds, labels, classes, majorityPredictor(labels, classes));
  const lines: Line[] = [
    {
      config: 'majority class',
      accuracy: majority.accuracy.mean,
      sd: majority.accuracy.sd,
      balancedAccuracy: majority.balancedAccuracy,
    },
  ];
  for (const name of cuts) {
    for (const scaling of scalingsToTry) {
      const spec: BackboneSpec = { source: 'builtin', name, scaling };
      const { id, vectors } = await embedFiles(
        spec,
        rows.map((row) => row.file),
        workers,
      );
      for (const l2 of penalties) {
        const result = crossValidate(folds, labels, classes, logisticPredictor(vectors, labels, classes, l2));
        const line = {
          config: `${name} ${scaling}`,
          id,
          l2,
          accuracy: result.accuracy.mean,
          sd: result.accuracy.sd,
          balancedAccuracy: result.balancedAccuracy,
        };
        console.log(
          `  ${line.config} l2=${l2}: accuracy ${percent(line.accuracy)} ± ${percent(line.sd)} %, balanced ${percent(line.balancedAccuracy)} %`,
        );
        lines.push(line);
      }
    }
  }
  console.log(
    '\n| backbone | scaling | L2 | accuracy (mean ± sd over 5 folds) | balanced accuracy |\n| --- | --- | --- | --- | --- |',
  );
  for (const line of lines) {
    const [backbone, scaling] = line.l2 === undefined ? [line.config, ''] : line.config.split(' ');
    console.log(
      `| ${backbone} | ${scaling} | ${line.l2 ?? ''} | ${percent(line.accuracy)} ± ${percent(line.sd)} % | ${percent(line.balancedAccuracy)} % |`,
    );
  }
  await mkdir(new URL('./results/', import.meta.url), { recursive: true });
  const report = {
    date: new Date().toISOString(),
    manifest: manifestPath,
    images: rows.length,
    classes: classNames,
    lines,
  };
  await writeFile(
    new URL('./results/choose-backbone.json', import.meta.url),
    `${JSON.stringify(report, null, 2)}\n`,
  );
}

await main();
