import { resolve } from 'node:path';
import { categories, modelVersions } from '@loupe/db';
import { deserializeHead, exportClassifier } from '@loupe/ml';
import type { Command } from 'commander';
import { and, eq, inArray } from 'drizzle-orm';
import { createAppContext } from '../../app-context';
import { loadSettings } from '../../env';
import { AppError, notFound } from '../../errors';
import { parseBackboneSetting } from '../../jobs/parse-backbone-setting';
import { DEFAULT_DATASET_NAME } from '../../operations/find-or-create-dataset';
import { findDatasetByName } from '../../operations/retrain-status';

export function registerExportModelCommand(program: Command) {
  program
    .command('export-model <version> <folder>')
    .description(
      'Write a model version (backbone + head) as one TF.js model that classifies images anywhere TF.js runs.',
    )
    .option('--dataset <name>', 'dataset the version belongs to', DEFAULT_DATASET_NAME)
    .option('--json', 'print the result as JSON')
    .action(async (versionText: string, folder: string, flags: { dataset: string; json?: boolean }) => {
      const version = Number(versionText);
      if (!Number.isInteger(version) || version < 1)
        throw new AppError('BAD_INPUT', 'The version must be a whole number ≥ 1.');
      const settings = loadSettings();
      const app = await createAppContext({ ...settings, logLevel: 'warn' });
      try {
        const dataset = await findDatasetByName(app, flags.dataset);
        const [row] = await app.database.db
          .select()
          .from(modelVersions)
          .where(and(eq(modelVersions.datasetId, dataset.id), eq(modelVersions.version, version)));
        if (!row) throw notFound(`Model version ${version} of "${dataset.name}"`);
        const head = deserializeHead(await app.blobs.get(row.weightsSha256));
        const names = await app.database.db
          .select({ id: categories.id, name: categories.name })
          .from(categories)
          .where(inArray(categories.id, row.categoryIds));
        const nameOf = new Map(names.map((category) => [category.id, category.name]));
        const { modelPath } = await exportClassifier({
          folder: resolve(folder),
          backbone: backboneSpecFor(row.backbone, settings.backbone),
          head,
          info: {
            categories: row.categoryIds.map((id) => ({ id, name: nameOf.get(id) ?? id })),
            modelVersion: row.version,
            backbone: row.backbone,
          },
        });
        const result = { modelVersion: row.version, modelPath, categories: row.categoryIds.length };
        console.log(
          flags.json
            ? JSON.stringify(result)
            : `Wrote ${modelPath} (version ${row.version}, ${result.categories} categories).`,
        );
      } finally {
        await app.close();
      }
    });
}

/** Built-in backbones are named by their id; a local one must be the configured LOUPE_BACKBONE. */
function backboneSpecFor(backboneId: string, setting: string) {
  const name = backboneId.split('@')[0] ?? '';
  if (name.startsWith('mobilenet-v2-')) return name;
  const configured = parseBackboneSetting(setting);
  if (typeof configured !== 'string' && configured.name === name) return configured;
  throw new AppError(
    'BAD_INPUT',
    `This version was trained on the backbone ${backboneId}; set LOUPE_BACKBONE to that model to export it.`,
  );
}
