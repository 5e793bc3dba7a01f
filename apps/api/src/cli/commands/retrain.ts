import { isDataDirLocked } from '@loupe/db';
import type { Command } from 'commander';
import { createAppContext } from '../../app-context';
import { loadSettings } from '../../env';
import { AppError } from '../../errors';
import { attachJobs } from '../../jobs/attach-jobs';
import { DEFAULT_DATASET_NAME } from '../../operations/find-or-create-dataset';
import { findDatasetByName, type RetrainStatus, readRetrainStatus } from '../../operations/retrain-status';
import { findRunningServer } from '../server-file';
import { retrainThroughApp } from './retrain-through-app';

export type Flags = { dataset?: string; wait?: boolean; json?: boolean; timeout: string };

export function registerRetrainCommand(program: Command) {
  program
    .command('retrain')
    .description("Train a new model version of a dataset's head now (after embedding what is missing).")
    .option('--dataset <name>', 'dataset to train', DEFAULT_DATASET_NAME)
    .option('--wait', 'wait for the embeddings and the run, then print the new version and its metrics')
    .option('--timeout <seconds>', 'give up waiting after this long', '1800')
    .option('--json', 'print the result as JSON')
    .action(async (flags: Flags) => {
      const settings = loadSettings();
      const isAppRunning = !settings.databaseUrl && (await isDataDirLocked(settings.dataDir));
      if (isAppRunning) {
        // Embedded, the running app owns the database: ask it, and follow its jobs.
        const server = await findRunningServer(settings.dataDir);
        if (!server)
          throw new AppError('DATA_DIR_LOCKED', `${settings.dataDir} is owned by another process.`);
        return void (await retrainThroughApp(server, flags));
      }
      const app = await createAppContext({ ...settings, logLevel: 'warn' });
      const jobs = await attachJobs(app, { runWorker: !settings.databaseUrl });
      try {
        const dataset = await findDatasetByName(app, flags.dataset ?? DEFAULT_DATASET_NAME);
        const before = await readRetrainStatus(app, dataset.id);
        const requestedAt = new Date();
        await app.jobs?.enqueue('retrain', { datasetId: dataset.id, reason: 'loupe retrain' });
        if (!flags.wait) return void print(flags, { requested: true, dataset: dataset.name });
        const status = await waitForRun(
          () => readRetrainStatus(app, dataset.id),
          before,
          requestedAt,
          Number(flags.timeout) * 1000,
        );
        print(flags, resultOf(status, before));
        if (!status.latestVersion || status.latestVersion.version === before.latestVersion?.version)
          process.exitCode = 1;
      } finally {
        await jobs.stop();
        await app.close();
      }
    });
}

export async function waitForRun(
  read: () => Promise<RetrainStatus>,
  before: RetrainStatus,
  requestedAt: Date,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await read();
    const hasNewVersion = (status.latestVersion?.version ?? 0) > (before.latestVersion?.version ?? 0);
    const hasFinishedSince = status.lastFinished?.finishedAt && status.lastFinished.finishedAt > requestedAt;
    if (status.activeJobs === 0 && (hasNewVersion || hasFinishedSince)) return status;
    if (Date.now() > deadline) throw new AppError('CONFLICT', 'Timed out waiting for the training run.');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export function resultOf(status: RetrainStatus, before: RetrainStatus) {
  const version = status.latestVersion;
  if (!version || version.version === before.latestVersion?.version) {
    return {
      modelVersion: null,
      outcome: status.lastFinished?.state ?? 'UNKNOWN',
      message: status.lastFinished?.message ?? status.lastFinished?.error,
    };
  }
  const metrics = version.metrics;
  return {
    modelVersion: version.version,
    modelVersionId: version.id,
    metrics: {
      accuracy: metrics.accuracy ?? null,
      top2Accuracy: metrics.top2Accuracy ?? null,
      accuracyInterval: metrics.accuracyInterval ?? null,
      top2Interval: metrics.top2Interval ?? null,
      macroF1: metrics.macroF1 ?? null,
      ece: metrics.ece ?? null,
      testImages: metrics.n ?? 0,
    },
    message: status.lastFinished?.message,
  };
}

export function print(flags: Flags, result: object) {
  console.log(flags.json ? JSON.stringify(result) : JSON.stringify(result, null, 2));
}
