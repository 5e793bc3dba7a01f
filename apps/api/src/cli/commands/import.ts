import { resolve } from 'node:path';
import { isDataDirLocked } from '@loupe/db';
import type { Command } from 'commander';
import { createAppContext } from '../../app-context';
import { loadSettings } from '../../env';
import { AppError } from '../../errors';
import { attachJobs } from '../../jobs/attach-jobs';
import { type ImportFolderOptions, type ImportReport, importFolder } from '../../operations/import-folder';
import { createProgressReporter } from '../progress';
import { findRunningServer } from '../server-file';
import { importThroughServer } from './import-through-server';

type ImportFlags = {
  manifest?: string;
  dataset?: string;
  fileColumn?: string;
  studyColumn?: string;
  labelColumn?: string;
  annotationColumn?: string;
  cropColumn?: string;
  frames: 'all' | 'first' | 'middle';
  json?: boolean;
};

export function registerImportCommand(program: Command) {
  program
    .command('import <folder>')
    .description(
      'Import PNG, JPEG and DICOM files from a folder (each sub-folder a study, or a CSV manifest).',
    )
    .option('--manifest <file>', 'CSV with a header: file (required), study, annotation, label, crop')
    .option('--dataset <name>', 'dataset to import into (created if new; default "default")')
    .option('--file-column <name>', 'manifest column holding the file path')
    .option('--study-column <name>', 'manifest column holding the study')
    .option('--label-column <name>', 'manifest column holding the label (recorded with source "import")')
    .option('--annotation-column <name>', "manifest column holding the technologist's text")
    .option('--crop-column <name>', 'manifest column holding the crop box "x,y,width,height"')
    .option('--frames <which>', 'DICOM frames to import: all, first or middle', 'all')
    .option('--json', 'print the report as JSON')
    .action(async (folder: string, flags: ImportFlags) => {
      if (!['all', 'first', 'middle'].includes(flags.frames))
        throw new AppError('BAD_INPUT', '--frames must be all, first or middle.');
      const settings = loadSettings();
      const options: ImportFolderOptions = {
        folder: resolve(folder),
        manifestPath: flags.manifest ? resolve(flags.manifest) : undefined,
        datasetName: flags.dataset,
        frames: flags.frames,
        columns: {
          file: flags.fileColumn,
          study: flags.studyColumn,
          label: flags.labelColumn,
          annotation: flags.annotationColumn,
          crop: flags.cropColumn,
        },
      };
      const progress = createProgressReporter({ quiet: Boolean(flags.json) });
      let report: ImportReport;
      if (!settings.databaseUrl && (await isDataDirLocked(settings.dataDir))) {
        const server = await findRunningServer(settings.dataDir);
        if (!server)
          throw new AppError(
            'DATA_DIR_LOCKED',
            `${settings.dataDir} is owned by another process that does not accept imports.`,
          );
        report = await importThroughServer(server, options, progress.update);
      } else {
        const app = await createAppContext({ ...settings, logLevel: 'warn' });
        // Enqueue-only: the app's worker (or `loupe worker`) embeds and predicts the new images.
        const jobs = await attachJobs(app, { runWorker: false });
        try {
          report = await importFolder(app, { ...options, onProgress: progress.update });
        } finally {
          await jobs.stop();
          await app.close();
        }
      }
      progress.stop();
      printReport(report, Boolean(flags.json));
      if (report.failed > 0) process.exitCode = 1;
    });
}

function printReport(report: ImportReport, asJson: boolean) {
  if (asJson) {
    console.log(JSON.stringify(report));
    return;
  }
  console.log(
    `Imported ${report.imported}, already present ${report.alreadyPresent}, failed ${report.failed} ` +
      `(${report.files} files into dataset "${report.datasetName}" in ${(report.durationMs / 1000).toFixed(1)} s).`,
  );
  for (const failure of report.failures.slice(0, 50)) {
    console.log(
      `  ${failure.file}${failure.line ? ` (line ${failure.line})` : ''}: ${failure.code}: ${failure.message}`,
    );
  }
  if (report.failures.length > 50)
    console.log(`  … and ${report.failures.length - 50} more (use --json for all)`);
}
