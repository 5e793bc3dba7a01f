import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isDataDirLocked } from '@loupe/db';
import type { Command } from 'commander';
import { createAppContext } from '../../app-context';
import { loadSettings } from '../../env';
import { AppError } from '../../errors';
import { type ExportFormat, exportDataset } from '../../operations/export-dataset';
import { findDatasetByName } from '../../operations/retrain-status';
import { requestRunningApp } from '../graphql-client';
import { findRunningServer } from '../server-file';

type ExportResult = { format: ExportFormat; rowCount: number; text: string };

const EXPORT = `query($id: ID!, $format: DatasetExportFormat) {
  exportDataset(datasetId: $id, format: $format) { format rowCount text } }`;

/** While the embedded app owns the database: ask it over GraphQL. */
async function exportThroughApp(
  server: { url: string; token: string },
  datasetName: string,
  format: ExportFormat,
): Promise<ExportResult> {
  const { datasets } = await requestRunningApp<{ datasets: { id: string; name: string }[] }>(
    server,
    '{ datasets { id name } }',
  );
  const dataset = datasets.find((candidate) => candidate.name === datasetName);
  if (!dataset) throw new AppError('NOT_FOUND', `The dataset "${datasetName}" was not found.`);
  const { exportDataset: result } = await requestRunningApp<{ exportDataset: ExportResult }>(server, EXPORT, {
    id: dataset.id,
    format,
  });
  return result;
}

async function exportDirectly(datasetName: string, format: ExportFormat): Promise<ExportResult> {
  const app = await createAppContext({ ...loadSettings(), logLevel: 'warn' });
  try {
    const dataset = await findDatasetByName(app, datasetName);
    return await exportDataset(app.database.db, { datasetId: dataset.id, format });
  } finally {
    await app.close();
  }
}

export function registerExportCommand(program: Command) {
  program
    .command('export <dataset>')
    .description(
      'Write one row per image of a dataset: ids, file, study, split, current label, the newest prediction, and whether (and why) it is excluded.',
    )
    .option('--format <format>', 'csv or json', 'csv')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (datasetName: string, flags: { format: string; out?: string }) => {
      const format = flags.format.toUpperCase();
      if (format !== 'CSV' && format !== 'JSON')
        throw new AppError('BAD_INPUT', '--format must be csv or json.');
      const settings = loadSettings();
      let result: ExportResult;
      if (!settings.databaseUrl && (await isDataDirLocked(settings.dataDir))) {
        const server = await findRunningServer(settings.dataDir);
        if (!server)
          throw new AppError('DATA_DIR_LOCKED', `${settings.dataDir} is owned by another process.`);
        result = await exportThroughApp(server, datasetName, format);
      } else {
        result = await exportDirectly(datasetName, format);
      }
      if (!flags.out) return void process.stdout.write(result.text);
      const path = resolve(flags.out);
      await writeFile(path, result.text);
      console.log(`Wrote ${result.rowCount} rows of "${datasetName}" to ${path}.`);
    });
}
