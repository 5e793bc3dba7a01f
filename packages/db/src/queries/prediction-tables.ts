import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { type SQL, sql } from 'drizzle-orm';
import { type Database, executeRows } from '../client';

type Executor = Pick<Database, 'execute'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The table that holds one model version's predictions: a partition of `predictions` (migration 0005). The
 * name is derived from the version id, so it needs no lookup.
 */
export function predictionTableName(modelVersionId: string): string {
  if (!UUID.test(modelVersionId)) throw new Error(`not a model version id: ${modelVersionId}`);
  return `predictions_${modelVersionId.replace(/-/g, '').toLowerCase()}`;
}

const tableOf = (modelVersionId: string): SQL => sql.raw(`"${predictionTableName(modelVersionId)}"`);
const literalOf = (modelVersionId: string): SQL => sql.raw(`'${modelVersionId.toLowerCase()}'::uuid`);

/**
 * Creates the (still detached) table for a version's predictions: the columns, defaults and checks of
 * `predictions`, plus a check that every row belongs to this version, which lets the attach skip scanning it.
 * Then: load the rows ({@link copyRows} into {@link predictionTableName}), {@link indexPredictionTable},
 * {@link attachPredictionTable}.
 */
export async function createPredictionTable(tx: Executor, modelVersionId: string): Promise<void> {
  await tx.execute(sql`create table ${tableOf(modelVersionId)} (
    like predictions including defaults including constraints,
    check (model_version_id = ${literalOf(modelVersionId)}))`);
  // When it was begun, for {@link dropAbandonedPredictionTables}.
  await tx.execute(
    sql.raw(`comment on table "${predictionTableName(modelVersionId)}" is '${STAGED} ${Date.now()}'`),
  );
}

const STAGED = 'loupe: prediction table begun at';

/**
 * Drops version tables that were begun but never attached and are older than `olderThanMs`: what a run that
 * loaded its predictions outside its version's transaction left behind when its process was killed. A table
 * still being loaded by a live run is younger. Returns the names of the tables dropped.
 */
export async function dropAbandonedPredictionTables(
  db: Pick<Database, 'execute'>,
  options: { olderThanMs: number },
): Promise<string[]> {
  const rows = await executeRows<{ name: string; note: string | null }>(
    db,
    sql`select c.relname as name, obj_description(c.oid, 'pg_class') as note
      from pg_class c
      where c.relkind = 'r' and not c.relispartition and c.relname ~ '^predictions_[0-9a-f]{32}$'`,
  );
  const cutoff = Date.now() - options.olderThanMs;
  const abandoned = rows
    .filter((row) => {
      const begun = row.note?.startsWith(STAGED) ? Number(row.note.slice(STAGED.length)) : Number.NaN;
      return !Number.isFinite(begun) || begun <= cutoff;
    })
    .map((row) => row.name);
  if (abandoned.length > 0)
    await db.execute(sql.raw(`drop table if exists ${abandoned.map((name) => `"${name}"`).join(', ')}`));
  return abandoned;
}

/** Drops a version's table if it exists and was never attached (a run that failed before committing). */
export async function dropUnattachedPredictionTable(db: Executor, modelVersionId: string): Promise<void> {
  const name = predictionTableName(modelVersionId);
  const [row] = await executeRows<{ attached: boolean }>(
    db,
    sql`select c.relispartition as attached from pg_class c where c.relname = ${name} and c.relkind = 'r'`,
  );
  if (row && !row.attached) await db.execute(sql.raw(`drop table if exists "${name}"`));
}

/**
 * Builds the indexes of a loaded version table, each in one pass and one statement of its own: its primary key,
 * then every other index `predictions` declares (read from the catalog, so a migration that adds one needs
 * nothing here), so that the attach finds them built and only adopts them. On the embedded database each
 * statement runs on the thread that serves requests, and requests get in between them; built inside the
 * attach, the five indexes of 100,000 rows held that thread for about 0.4 s at once.
 */
export async function indexPredictionTable(db: Executor, modelVersionId: string): Promise<void> {
  await db.execute(sql`alter table ${tableOf(modelVersionId)} add primary key (model_version_id, image_id)`);
  const parentIndexes = await executeRows<{ definition: string }>(
    db,
    sql`select pg_get_indexdef(i.indexrelid) as definition from pg_index i
      where i.indrelid = 'predictions'::regclass and not i.indisprimary order by i.indexrelid`,
  );
  for (const { definition } of parentIndexes) {
    await db.execute(sql.raw(partitionIndexDefinition(definition, predictionTableName(modelVersionId))));
  }
}

/**
 * The definition of one of `predictions`' indexes, for a table of its own: `CREATE INDEX name ON ONLY
 * public.predictions USING btree (…) [WHERE …]` becomes `CREATE INDEX ON "table" USING btree (…) [WHERE …]`.
 */
export function partitionIndexDefinition(parentDefinition: string, table: string): string {
  const match = /^CREATE (UNIQUE )?INDEX \S+ ON (?:ONLY )?\S+ (USING .+)$/s.exec(parentDefinition);
  if (!match) throw new Error(`unexpected index definition: ${parentDefinition}`);
  return `CREATE ${match[1] ?? ''}INDEX ON "${table}" ${match[2]}`;
}

/**
 * Attaches a loaded and indexed version table to `predictions`: adopts its indexes as partitions of those
 * `predictions` declares (an index it lacked would be built here, in one pass) and checks the foreign keys of
 * all its rows, in one statement each.
 */
export async function attachPredictionTable(tx: Executor, modelVersionId: string): Promise<void> {
  await tx.execute(sql`alter table predictions attach partition ${tableOf(modelVersionId)}
    for values in (${literalOf(modelVersionId)})`);
}

type DriverClient = {
  query?: (text: string, params: unknown[], options: { blob: Blob }) => Promise<unknown>;
  unsafe?: (text: string) => { writable: () => Promise<NodeJS.WritableStream> };
};

const driverClientOf = (session: object): DriverClient | undefined =>
  (session as { _?: { session?: { client?: DriverClient } } })._?.session?.client;

/**
 * Loads rows, in COPY's text format (tab-separated, `\N` for null, one line per row), into a table: one
 * string, or several that follow each other (given at once, or as they are made). The database parses this faster than parameters or a JSON
 * document (the embedded one, 100,000 predictions into an empty table: 2.0 s instead of 2.7 s). Drizzle has no
 * COPY, so this uses the driver client of the session or transaction it is given: PGlite reads the rows from a
 * blob, postgres.js streams them (give it a transaction there: on the pool, other queries would be sent down
 * the connection mid-COPY). A COPY the server refuses never settles on postgres.js (porsager/postgres#1173), so
 * callers check their rows first.
 */
export async function copyRows(
  tx: object,
  target: { table: string; columns: readonly string[] },
  text: string | readonly string[] | AsyncIterable<string>,
): Promise<void> {
  const client = driverClientOf(tx);
  const columns = target.columns.map((column) => `"${column}"`).join(', ');
  const parts = typeof text === 'string' ? [text] : text;
  if (client?.unsafe) {
    const writable = await client.unsafe(`copy "${target.table}" (${columns}) from stdin`).writable();
    await pipeline(Readable.from(parts), writable);
  } else if (client?.query) {
    const blobParts: string[] = [];
    for await (const part of parts) blobParts.push(part);
    await client.query(`copy "${target.table}" (${columns}) from '/dev/blob'`, [], {
      blob: new Blob(blobParts),
    });
  } else {
    throw new Error('copyRows needs a PGlite or postgres.js session');
  }
}

/**
 * Loads rows given as chunks of COPY text ({@link copyRows}) into a table nothing reads yet. On PostgreSQL the
 * chunks stream as one COPY: one COPY per chunk costs a wait of about 40 ms at its end (the driver's last small
 * write waits for the server's delayed acknowledgement), which was more than half the load at 100,000
 * predictions (3.3 s in 2,500-row chunks, 1.5 s as one COPY). The embedded database runs each statement on the
 * thread that serves requests, so there every chunk is a statement of its own, with a turn of the event loop in
 * between for the requests waiting. Chunks given as an async iterable are loaded as they come, while the rest
 * are still being made.
 */
export async function copyChunks(
  db: Database,
  target: { table: string; columns: readonly string[] },
  chunks: readonly string[] | AsyncIterable<string>,
): Promise<void> {
  if (driverClientOf(db)?.unsafe) {
    await db.transaction((tx) => copyRows(tx, target, chunks));
    return;
  }
  for await (const text of chunks) {
    await db.transaction((tx) => copyRows(tx, target, text));
    await nextTurn();
  }
}

/** Whether model version `v` has predictions stored: a table of its own, or rows in the default one. */
const versionHasPredictions = sql`(to_regclass('predictions_' || replace(v.id::text, '-', '')) is not null
  or exists (select 1 from predictions_default d where d.model_version_id = v.id))`;

/** How many of a dataset's newest model versions keep their predictions, unless configured otherwise. */
export const DEFAULT_KEPT_PREDICTION_VERSIONS = 20;

/**
 * Drops the predictions of a dataset's older model versions: all but the newest `keepNewest`, the promoted
 * one and those a reader study compares against. The versions themselves (weights, label set, metrics) stay.
 * Dropping a version's table briefly locks `predictions`; on a busy server it gives up after `lockTimeoutMs`
 * and the next run drops them instead. Returns the ids of the versions whose predictions went.
 */
export async function dropOldPredictions(
  db: Database,
  options: { datasetId: string; keepNewest: number; lockTimeoutMs?: number },
): Promise<string[]> {
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local lock_timeout = ${Math.round(options.lockTimeoutMs ?? 2_000)}`));
      // No reader study may take up a version between choosing the versions and dropping their predictions.
      await tx.execute(sql`lock table reader_study_models in share mode`);
      const stale = await executeRows<{ id: string }>(
        tx,
        sql`select v.id from model_versions v
          where v.dataset_id = ${options.datasetId}::uuid
            and not v.is_promoted
            and v.version <= (select max(newest.version) from model_versions newest
              where newest.dataset_id = ${options.datasetId}::uuid) - ${Math.max(1, options.keepNewest)}::int
            and not exists (select 1 from reader_study_models r where r.model_version_id = v.id)
            and ${versionHasPredictions}`,
      );
      const ids = stale.map((row) => row.id);
      if (ids.length === 0) return [];
      await tx.execute(
        sql.raw(`drop table if exists ${ids.map((id) => `"${predictionTableName(id)}"`).join(', ')}`),
      );
      await tx.execute(
        sql`delete from predictions_default where model_version_id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      );
      return ids;
    });
  } catch (error) {
    if (errorCode(error) === LOCK_NOT_AVAILABLE) return [];
    throw error;
  }
}

const LOCK_NOT_AVAILABLE = '55P03';

/** The SQLSTATE of a database error, also when Drizzle wrapped it. */
function errorCode(error: unknown): string | undefined {
  const { code, cause } = (error ?? {}) as { code?: string; cause?: { code?: string } };
  return code ?? cause?.code;
}

/** Of the given model versions, those whose predictions are kept (see {@link dropOldPredictions}). */
export async function versionsWithPredictions(
  db: Pick<Database, 'execute'>,
  modelVersionIds: readonly string[],
): Promise<Set<string>> {
  if (modelVersionIds.length === 0) return new Set();
  const rows = await executeRows<{ id: string }>(
    db,
    sql`select v.id from model_versions v
      where v.id in (${sql.join(
        modelVersionIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
        and ${versionHasPredictions}`,
  );
  return new Set(rows.map((row) => row.id));
}
