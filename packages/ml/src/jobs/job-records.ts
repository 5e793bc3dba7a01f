import { type Database, executeRows, jobs, publishEvent } from '@loupe/db';
import { eq, sql } from 'drizzle-orm';

/** The people-facing record of a queued job (the durable queue itself is pg-boss's). */
export async function recordQueuedJob(
  db: Database,
  job: {
    queueJobId: string;
    kind: string;
    datasetId: string;
    requestedBy?: string | undefined;
    message?: string;
  },
): Promise<void> {
  const [created] = await db
    .insert(jobs)
    .values({
      queueJobId: job.queueJobId,
      kind: job.kind,
      datasetId: job.datasetId,
      requestedBy: job.requestedBy,
      message: job.message,
    })
    .onConflictDoNothing()
    .returning({ id: jobs.id, datasetId: jobs.datasetId });
  await publishJobChanged(db, created);
}

/** Marks a job running (creating its record when it came from a schedule) and returns the record id. */
export async function markJobRunning(
  db: Database,
  job: { queueJobId: string; kind: string; datasetId: string },
): Promise<string> {
  const [updated] = await db
    .update(jobs)
    .set({
      state: 'RUNNING',
      startedAt: new Date(),
      attempt: sql`${jobs.attempt} + 1`,
      error: null,
      progress: 0,
    })
    .where(eq(jobs.queueJobId, job.queueJobId))
    .returning({ id: jobs.id, datasetId: jobs.datasetId });
  if (updated) {
    await publishJobChanged(db, updated);
    return updated.id;
  }
  const [created] = await db
    .insert(jobs)
    .values({ ...job, state: 'RUNNING', startedAt: new Date(), attempt: 1 })
    .onConflictDoUpdate({ target: jobs.queueJobId, set: { state: 'RUNNING', startedAt: new Date() } })
    .returning({ id: jobs.id, datasetId: jobs.datasetId });
  await publishJobChanged(db, created);
  return created!.id;
}

export async function updateJobProgress(
  db: Database,
  id: string,
  progress: number,
  message?: string,
): Promise<void> {
  const [updated] = await db
    .update(jobs)
    .set({ progress: Math.min(1, Math.max(0, progress)), ...(message ? { message } : {}) })
    .where(eq(jobs.id, id))
    .returning({ id: jobs.id, datasetId: jobs.datasetId });
  await publishJobChanged(db, updated);
}

export async function finishJob(
  db: Database,
  id: string,
  outcome: { state: 'SUCCEEDED' | 'FAILED' | 'SKIPPED'; message?: string; error?: string },
): Promise<void> {
  const [updated] = await db
    .update(jobs)
    .set({
      state: outcome.state,
      progress: outcome.state === 'FAILED' ? sql`${jobs.progress}` : 1,
      message: outcome.message,
      error: outcome.error ?? null,
      finishedAt: new Date(),
    })
    .where(eq(jobs.id, id))
    .returning({ id: jobs.id, datasetId: jobs.datasetId });
  await publishJobChanged(db, updated);
}

/**
 * Whether a training run of the job's dataset was asked for after the job itself (and has not failed): that
 * run reads the labels when it starts, so it sees everything committed before the job was asked for.
 */
export async function hasRetrainAskedSince(db: Database, recordId: string): Promise<boolean> {
  const rows = await executeRows(
    db,
    sql`
    select 1 from ${jobs} later, ${jobs} job
    where job.id = ${recordId} and later.dataset_id = job.dataset_id and later.kind = 'retrain'
      and later.state <> 'FAILED' and later.created_at >= job.created_at and later.id <> job.id
    limit 1`,
  );
  return rows.length > 0;
}

/** Tells subscribers a job changed; a job of no dataset (a schedule's fan-out) has none to tell. */
async function publishJobChanged(db: Database, job: { id: string; datasetId: string | null } | undefined) {
  if (job?.datasetId) await publishEvent(db, { type: 'jobChanged', datasetId: job.datasetId, jobId: job.id });
}
