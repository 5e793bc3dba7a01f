import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  attachPredictionTable,
  copyChunks,
  createPredictionTable,
  type Database,
  dropUnattachedPredictionTable,
  indexPredictionTable,
  modelVersions,
  type predictions,
  predictionTableName,
  publishEvent,
} from '@loupe/db';
import { eq, sql } from 'drizzle-orm';
import { FAILPOINTS, failpoint } from '../failpoints';
import { encodePredictionCopyText, PREDICTION_COPY_COLUMNS } from './prediction-copy';

export type PredictionRow = Omit<typeof predictions.$inferInsert, 'modelVersionId'>;

/** Prediction rows already encoded as COPY text for the version's id (`encodePredictionCopyText`). */
export type EncodedPredictions = { copyChunks: readonly string[] };

/**
 * A version's predictions being loaded into its table while they are still being made
 * ({@link startPredictionLoad}).
 */
export type PredictionLoad = { modelVersionId: string; loaded: Promise<void> };

/**
 * Starts loading the predictions of the version to be written under `modelVersionId` into its table as their
 * COPY text comes (all at once, or as they are made until the caller ends them), and indexes the table once
 * they have all come.
 * Hand the load to {@link writeModelVersion}, or to {@link abandonPredictionLoad} when there will be no version.
 */
export function startPredictionLoad(
  db: Database,
  modelVersionId: string,
  chunks: readonly string[] | AsyncIterable<string>,
): PredictionLoad {
  const loaded = (async () => {
    await createPredictionTable(db, modelVersionId);
    await copyChunks(
      db,
      { table: predictionTableName(modelVersionId), columns: PREDICTION_COPY_COLUMNS },
      chunks,
    );
    await indexPredictionTable(db, modelVersionId);
  })();
  // Its failure is met where the load is awaited (writing or abandoning it), never as an unhandled rejection.
  loaded.catch(() => {});
  return { modelVersionId, loaded };
}

/** Waits for a load that no version will use (its chunks ended) and drops what it loaded. */
export async function abandonPredictionLoad(db: Database, load: PredictionLoad): Promise<void> {
  await load.loaded.catch(() => {});
  await dropUnattachedPredictionTable(db, load.modelVersionId).catch(() => {});
}

export type NewModelVersion = Omit<typeof modelVersions.$inferInsert, 'id' | 'version' | 'createdAt'>;

/**
 * Writes a model version and all its predictions: a failed or killed run leaves no version and no prediction
 * that anything reads. Version numbers count up per dataset. The predictions come as rows, or already as COPY
 * text for the version's `id` (encoded where they were computed, off the thread that serves requests).
 *
 * The predictions go into a table of the version's own (a partition of `predictions`). It is loaded and indexed
 * before the version's transaction (`copyChunks`: one streamed COPY on PostgreSQL, a statement per chunk on the
 * embedded database) and attached inside it, which checks its foreign keys in bulk: the embedded database runs
 * one statement or transaction at a time on the thread that serves requests, so requests get in between the
 * loading statements instead of waiting for all of them. A run that fails drops its table; one whose process is
 * killed leaves a table nothing reads, which a later run drops (`dropAbandonedPredictionTables`). Only the
 * numbering, the version row and the attach run one writer at a time, across datasets: two attaches that each
 * waited for the other's version row would deadlock. Predictions whose load began while they were being made
 * (a {@link PredictionLoad}) are waited for, and written under the load's id.
 */
export async function writeModelVersion(
  db: Database,
  version: NewModelVersion & { id?: string },
  rows: readonly PredictionRow[] | EncodedPredictions | PredictionLoad,
): Promise<{ id: string; version: number }> {
  const id = 'loaded' in rows ? rows.modelVersionId : (version.id ?? randomUUID());
  let load = 'loaded' in rows ? rows : undefined;
  let created: { id: string; version: number };
  try {
    if (version.id !== undefined && version.id !== id)
      throw new Error(`predictions loaded for version ${id} cannot be written for ${version.id}`);
    load ??= startPredictionLoad(
      db,
      id,
      'copyChunks' in rows ? rows.copyChunks : encodePredictionCopyText(id, rows as readonly PredictionRow[]),
    );
    await load.loaded;
    await nextTurn();
    created = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('loupe:model-version-write'))`);
      const [{ next } = { next: 1 }] = await tx
        .select({ next: sql<number>`coalesce(max(${modelVersions.version}), 0)::int + 1` })
        .from(modelVersions)
        .where(eq(modelVersions.datasetId, version.datasetId));
      const [row] = await tx
        .insert(modelVersions)
        .values({ ...version, id, version: next })
        .returning({ id: modelVersions.id, version: modelVersions.version });
      await attachPredictionTable(tx, id);
      await failpoint(FAILPOINTS.writingVersion);
      return row!;
    });
  } catch (error) {
    await abandonPredictionLoad(db, load ?? { modelVersionId: id, loaded: Promise.resolve() });
    throw error;
  }
  await publishEvent(db, {
    type: 'modelVersionCreated',
    datasetId: version.datasetId,
    modelVersionId: created.id,
  });
  return created;
}
