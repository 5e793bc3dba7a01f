import { datasets, jobs, modelVersions } from '@loupe/db';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../app-context';
import { notFound } from '../errors';

export type RetrainStatus = {
  datasetId: string;
  latestVersion: { id: string; version: number; metrics: Record<string, unknown>; createdAt: Date } | null;
  activeJobs: number;
  lastFinished: {
    state: string;
    message: string | null;
    error: string | null;
    finishedAt: Date | null;
  } | null;
};

export async function findDatasetByName(ctx: AppContext, name: string) {
  const [dataset] = await ctx.database.db.select().from(datasets).where(eq(datasets.name, name));
  if (!dataset) throw notFound(`The dataset "${name}"`);
  return dataset;
}

/** Where a dataset's training stands: its newest version, and retrain jobs waiting or running. */
export async function readRetrainStatus(ctx: AppContext, datasetId: string): Promise<RetrainStatus> {
  const { db } = ctx.database;
  const [latest] = await db
    .select()
    .from(modelVersions)
    .where(eq(modelVersions.datasetId, datasetId))
    .orderBy(desc(modelVersions.version))
    .limit(1);
  const active = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.datasetId, datasetId),
        eq(jobs.kind, 'retrain'),
        inArray(jobs.state, ['QUEUED', 'RUNNING']),
      ),
    );
  const [finished] = await db
    .select()
    .from(jobs)
    .where(
      and(
        eq(jobs.datasetId, datasetId),
        eq(jobs.kind, 'retrain'),
        inArray(jobs.state, ['SUCCEEDED', 'SKIPPED', 'FAILED']),
      ),
    )
    .orderBy(desc(jobs.finishedAt))
    .limit(1);
  return {
    datasetId,
    latestVersion: latest
      ? {
          id: latest.id,
          version: latest.version,
          metrics: latest.metrics as Record<string, unknown>,
          createdAt: latest.createdAt,
        }
      : null,
    activeJobs: active.length,
    lastFinished: finished
      ? {
          state: finished.state,
          message: finished.message,
          error: finished.error,
          finishedAt: finished.finishedAt,
        }
      : null,
  };
}
