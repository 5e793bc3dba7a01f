import { instanceSettings } from '@loupe/db';
import { type JobRunner, QUEUES, recordQueuedJob, startJobQueue, startJobRunner } from '@loupe/ml';
import type { AppContext, JobSink } from '../app-context';
import { WORKER_INFO_KEY } from '../schema/system';
import { parseBackboneSetting } from './parse-backbone-setting';

export type AttachedJobs = { stop: () => Promise<void>; isRunningWorker: boolean };

/**
 * Connects a process to the durable job queue. With `runWorker` it also takes jobs (the embedded app, and
 * `loupe worker`); otherwise it only enqueues (API replicas in server mode, the import command).
 */
export async function attachJobs(app: AppContext, options: { runWorker: boolean }): Promise<AttachedJobs> {
  const { settings } = app;
  if (options.runWorker) {
    const runner = await startJobRunner({
      database: app.database,
      blobs: app.blobs,
      backbone: parseBackboneSetting(settings.backbone),
      backend: settings.tfBackend,
      embeddingWorkers: settings.embeddingWorkers,
      retrainCron: settings.retrainCron,
      reembedCron: settings.reembedCron,
      retrain: { keepPredictionsOfNewest: settings.keepPredictions },
      log: (message, detail) => app.logger.info(detail ?? {}, message),
      queue: { expireInSeconds: settings.jobTimeoutSeconds },
    });
    app.jobs = jobSink(app, runner.queue.enqueue);
    await recordWorkerInfo(app, runner);
    return { stop: runner.stop, isRunningWorker: true };
  }
  const queue = await startJobQueue(app.database, {
    schedule: false,
    expireInSeconds: settings.jobTimeoutSeconds,
  });
  app.jobs = jobSink(app, queue.enqueue);
  return { stop: queue.stop, isRunningWorker: false };
}

/**
 * Jobs for a process that serves requests before its queue is attached (the embedded app loads its backbone
 * after it starts serving): a job asked for meanwhile, by a user or by a label, waits for the queue instead
 * of failing or being dropped. Returns the function to hand the attaching to; attaching replaces `app.jobs`.
 */
export function holdJobsUntilAttached(
  app: AppContext,
): (attaching: Promise<AttachedJobs>) => Promise<AttachedJobs> {
  let settle!: { resolve: (jobs: AttachedJobs) => void; reject: (error: unknown) => void };
  const attached = new Promise<AttachedJobs>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // The caller awaits the attaching itself and reports its failure; this only keeps it from going unhandled.
  attached.catch(() => {});
  const waiting: JobSink = {
    enqueue: async (kind, data) => {
      await attached.catch(() => {
        throw new Error('The job queue failed to start.');
      });
      if (!app.jobs || app.jobs === waiting) throw new Error('The job queue is not attached.');
      return app.jobs.enqueue(kind, data);
    },
  };
  app.jobs = waiting;
  return (attaching) => {
    attaching.then(settle.resolve, settle.reject);
    return attaching;
  };
}

function jobSink(
  app: AppContext,
  enqueue: (
    queue: (typeof QUEUES)[keyof typeof QUEUES],
    data: Parameters<JobSink['enqueue']>[1],
  ) => Promise<string | null>,
): JobSink {
  return {
    enqueue: async (kind, data) => {
      const queueJobId = await enqueue(QUEUES[kind], data);
      // A request that coalesced into an already waiting run gets no new record.
      if (queueJobId)
        await recordQueuedJob(app.database.db, {
          queueJobId,
          kind,
          datasetId: data.datasetId,
          requestedBy: data.requestedBy,
          message: data.reason,
        });
      return queueJobId;
    },
  };
}

/** What the newest worker runs on, for `systemInfo`. */
async function recordWorkerInfo(app: AppContext, runner: JobRunner): Promise<void> {
  const { backend, backbone, workers } = runner.embedder;
  const value = JSON.stringify({
    backend: backend.name,
    reason: backend.reason,
    tfjsVersion: backend.tfjsVersion,
    backbone: backbone.id,
    workers,
    startedAt: new Date().toISOString(),
  });
  await app.database.db
    .insert(instanceSettings)
    .values({ key: WORKER_INFO_KEY, value })
    .onConflictDoUpdate({ target: instanceSettings.key, set: { value } });
}
