import { type BlobStore, type DatabaseHandle, datasets } from '@loupe/db';
import type PgBoss from 'pg-boss';
import type { BackboneSpec } from '../backbone';
import type { BackendPreference } from '../backend';
import { createEmbedder, type Embedder } from '../embed';
import { type DatasetJobData, type JobQueue, type JobQueueOptions, QUEUES, startJobQueue } from './job-queue';
import {
  finishJob,
  hasRetrainAskedSince,
  markJobRunning,
  recordQueuedJob,
  updateJobProgress,
} from './job-records';
import { refreshPredictions } from './refresh-predictions';
import { type RetrainOptions, retrainDataset } from './retrain-dataset';
import { createVersionComputer } from './version-computer';

export type JobRunnerOptions = {
  database: DatabaseHandle;
  blobs: BlobStore;
  backbone: BackboneSpec | string;
  backend?: BackendPreference;
  /** Embedding worker threads (0: in this thread). */
  embeddingWorkers?: number;
  retrain?: Omit<RetrainOptions, 'signal' | 'onProgress' | 'datasetId'>;
  /** Cron expressions for scheduled work, e.g. "0 3 * * *". */
  retrainCron?: string | undefined;
  reembedCron?: string | undefined;
  queue?: JobQueueOptions;
  log?: (message: string, detail?: object) => void;
};

/** The dataset id of a scheduled job that stands for every dataset. */
const EVERY_DATASET = '*';

async function scheduleOrClear(queue: JobQueue, name: string, cron: string | undefined): Promise<void> {
  if (cron)
    await queue.boss.schedule(
      name,
      cron,
      { datasetId: EVERY_DATASET, reason: 'schedule' },
      { singletonKey: EVERY_DATASET },
    );
  else await queue.boss.unschedule(name);
}

export type JobRunner = { queue: JobQueue; embedder: Embedder; stop: () => Promise<void> };

/**
 * The worker: takes retrain and embed jobs from the durable queue and runs them. One retrain per dataset at
 * a time (the queue's policy); a job whose worker died is retried by the queue, and a run that does not finish
 * writes no model version.
 */
export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const log = options.log ?? ((message, detail) => console.error(`[loupe/jobs] ${message}`, detail ?? ''));
  const { db } = options.database;
  const embedder = await createEmbedder({
    backbone: options.backbone,
    backend: options.backend,
    workers: options.embeddingWorkers,
  });
  const queue = await startJobQueue(options.database, options.queue);
  if (options.database.kind === 'pglite') {
    const orphans = await queue.requeueOrphans();
    if (orphans > 0) log(`retrying ${orphans} job(s) interrupted by the previous stop`);
  }
  // Heads train in a thread of their own, so that a run never holds up the requests this process serves.
  const computer = createVersionComputer();
  const context = {
    db,
    blobs: options.blobs,
    embedder,
    embeddingCache: new Map<string, Float32Array>(),
    computer,
  };

  const handle =
    (kind: 'retrain' | 'embed') =>
    async ([job]: PgBoss.Job<DatasetJobData>[]) => {
      if (!job) return;
      const { datasetId } = job.data;
      if (datasetId === EVERY_DATASET) {
        // A schedule fans out into one job per dataset, each coalescing with any run already waiting.
        for (const dataset of await db.select({ id: datasets.id }).from(datasets)) {
          await queue.enqueue(QUEUES[kind], { datasetId: dataset.id, reason: 'schedule' });
        }
        return;
      }
      const recordId = await markJobRunning(db, { queueJobId: job.id, kind, datasetId });
      const onProgress = (progress: number, message?: string) =>
        void updateJobProgress(db, recordId, progress, message).catch(() => {});
      try {
        const outcome =
          kind === 'retrain'
            ? await retrainDataset(context, { ...options.retrain, datasetId, onProgress })
            : await refreshPredictions(context, { datasetId, onProgress });
        const state = outcome.kind === 'skipped' ? 'SKIPPED' : 'SUCCEEDED';
        await finishJob(db, recordId, { state, message: outcome.message });
        log(`${kind} ${state.toLowerCase()}`, { datasetId, message: outcome.message });
        // Labels that came with an import train a model once their images are embedded, as labels saved by
        // hand do; the run finds the embeddings already cached. A run asked for since the import saw them.
        if (kind === 'embed' && job.data.retrainAfter && !(await hasRetrainAskedSince(db, recordId))) {
          const reason = 'labelled images imported';
          const queueJobId = await queue.enqueue(QUEUES.retrain, { datasetId, reason });
          if (queueJobId)
            await recordQueuedJob(db, { queueJobId, kind: 'retrain', datasetId, message: reason });
        }
        return outcome;
      } catch (error) {
        await finishJob(db, recordId, { state: 'FAILED', error: (error as Error).message }).catch(() => {});
        log(`${kind} failed`, { datasetId, error: (error as Error).message });
        throw error;
      }
    };
  const workerIds = [
    await queue.boss.work<DatasetJobData>(QUEUES.retrain, { pollingIntervalSeconds: 0.5 }, handle('retrain')),
    await queue.boss.work<DatasetJobData>(QUEUES.embed, { pollingIntervalSeconds: 0.5 }, handle('embed')),
  ];
  const originalEnqueue = queue.enqueue;
  queue.enqueue = async (name, data) => {
    const id = await originalEnqueue(name, data);
    for (const workerId of workerIds) queue.boss.notifyWorker(workerId);
    return id;
  };
  await scheduleOrClear(queue, QUEUES.retrain, options.retrainCron);
  await scheduleOrClear(queue, QUEUES.embed, options.reembedCron);
  return {
    queue,
    embedder,
    stop: async () => {
      await queue.stop();
      await computer.close();
      await embedder.close();
    },
  };
}
