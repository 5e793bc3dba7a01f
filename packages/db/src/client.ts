import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { Logger, SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';
import * as schema from './schema';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = 'pglite' | 'postgres';

/** Runs raw SQL with positional parameters; used by the job queue and by tests. */
export type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

export type NotificationListener = { close: () => Promise<void> };

export type DatabaseHandle = {
  db: Database;
  kind: DatabaseKind;
  /** Server mode: the connection string, for components that keep their own pool (the job queue). */
  databaseUrl?: string | undefined;
  executeSql: ExecuteSql;
  /**
   * Receives the NOTIFY payloads of one channel (send them with `select pg_notify(channel, payload)` on any
   * connection). PostgreSQL: a dedicated connection that listens again after it drops (each drop and failed
   * retry goes to `onError`). PGlite: in process.
   */
  listen: (
    channel: string,
    onPayload: (payload: string) => void,
    onError?: (error: Error) => void,
  ) => Promise<NotificationListener>;
  close: () => Promise<void>;
};

export type OpenDatabaseOptions = {
  /** postgres://… for server mode; unset for the embedded PGlite database. */
  databaseUrl?: string | undefined;
  /** Embedded mode: the data folder (`<dataDir>/db` holds PGlite's files). Unset: in memory. */
  dataDir?: string | undefined;
  /** Apply committed migrations before returning (default true). */
  migrate?: boolean;
  /** Called with every SQL statement that runs (to count statements in tests). */
  onQuery?: (sql: string, params: unknown[]) => void;
  /** Largest number of pooled connections to PostgreSQL. */
  maxConnections?: number;
};

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../drizzle');

/** One client factory for both modes: PGlite in a locked data folder, or PostgreSQL through postgres.js. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const logger: Logger | undefined = options.onQuery
    ? { logQuery: (query, params) => options.onQuery?.(query, params) }
    : undefined;
  const handle = options.databaseUrl
    ? await openPostgres(options.databaseUrl, logger, options.maxConnections ?? 10)
    : await openPglite(options.dataDir, logger);
  if (options.migrate !== false) {
    try {
      await applyMigrations(handle, options.databaseUrl);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }
  return handle;
}

/** Rows of a raw statement, whichever driver ran it (PGlite answers `{ rows }`, postgres.js an array). */
export async function executeRows<Row>(db: Pick<Database, 'execute'>, statement: SQL): Promise<Row[]> {
  const result = await db.execute(statement);
  return ((result as { rows?: Row[] }).rows ?? (result as unknown as Row[])) as Row[];
}

const embeddedDatabases = new WeakSet<object>();

/**
 * Whether `db` is the embedded PGlite database: owned by this one process, which is also its only client and
 * runs as its superuser.
 */
export function isEmbeddedDatabase(db: object): boolean {
  return embeddedDatabases.has(db);
}

/**
 * The embedded database's server settings: PGlite's own, and no more write-ahead log than crash recovery
 * needs (nothing replicates or archives it). Then a table created and filled in one transaction, as a model
 * version's predictions are, is written once instead of twice.
 */
const PGLITE_START_PARAMS = [
  ...PGlite.defaultStartParams,
  '-c',
  'wal_level=minimal',
  '-c',
  'max_wal_senders=0',
];

async function openPglite(dataDir: string | undefined, logger: Logger | undefined): Promise<DatabaseHandle> {
  let lock: DataDirLock | undefined;
  let client: PGlite;
  if (dataDir) {
    await mkdir(dataDir, { recursive: true });
    lock = await acquireDataDirLock(dataDir);
    try {
      client = await PGlite.create(join(dataDir, 'db'), { startParams: PGLITE_START_PARAMS });
    } catch (error) {
      await lock.release();
      throw error;
    }
  } else {
    client = await PGlite.create({ startParams: PGLITE_START_PARAMS });
  }
  takeTurnsWithTheEventLoop(client);
  const db = drizzlePglite({ client, schema, logger }) as unknown as Database;
  embeddedDatabases.add(db);
  return {
    db,
    kind: 'pglite',
    executeSql: async (text, values) => {
      if (!values?.length) {
        const results = await client.exec(text);
        return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
      }
      const result = await client.query(text, values);
      return { rows: result.rows as Record<string, unknown>[] };
    },
    listen: async (channel, onPayload) => {
      const unlisten = await client.listen(channel, onPayload);
      return { close: () => (client.closed ? Promise.resolve() : unlisten()) };
    },
    close: async () => {
      await client.close();
      await lock?.release();
    },
  };
}

/**
 * Runs the statements (and transactions) sent to the embedded database one at a time, each after a turn of
 * the event loop. PGlite runs a statement synchronously on this thread and queues the rest behind promises,
 * so a backlog (a retrain's statements, a page of resolvers, a burst of labels) would otherwise drain in one
 * go while the requests and file reads that arrived meanwhile wait: a labeler's next image took a third of a
 * second to come. Now the server answers what is ready between two statements. PGlite already ran one
 * statement at a time, so nothing else changes; statements inside a transaction run back to back.
 */
function takeTurnsWithTheEventLoop(client: PGlite): void {
  let previous: Promise<unknown> = Promise.resolve();
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
    const result = previous.then(turn).then(run);
    previous = result.catch(() => undefined);
    return result;
  };
  const query = client.query.bind(client);
  const exec = client.exec.bind(client);
  const transaction = client.transaction.bind(client);
  client.query = ((...args: Parameters<PGlite['query']>) => inTurn(() => query(...args))) as PGlite['query'];
  client.exec = (...args: Parameters<PGlite['exec']>) => inTurn(() => exec(...args));
  client.transaction = ((...args: Parameters<PGlite['transaction']>) =>
    inTurn(() => transaction(...args))) as PGlite['transaction'];
}

async function openPostgres(url: string, logger: Logger | undefined, max: number): Promise<DatabaseHandle> {
  const client = postgres(url, { max, onnotice: () => {}, connection: { application_name: 'loupe' } });
  const db = drizzlePostgres({ client, schema, logger }) as unknown as Database;
  return {
    db,
    kind: 'postgres',
    databaseUrl: url,
    executeSql: async (text, values) => {
      const rows = values?.length
        ? await client.unsafe(text, values as never[])
        : await client.unsafe(text).simple();
      return { rows: [...rows] as Record<string, unknown>[] };
    },
    listen: (channel, onPayload, onError) => listenPostgres(url, channel, onPayload, onError),
    close: () => client.end({ timeout: 5 }),
  };
}

/** Waits between attempts to listen again after the connection dropped: doubling, capped. */
const RETRY_MS = { first: 200, max: 5_000 } as const;

/**
 * LISTEN on a connection of its own, kept for as long as the listener lives: when it drops (a restart, a
 * failover, an idle-connection reaper), a new connection listens again, retrying until the server is back.
 * Notifications sent while no connection listened are not delivered (PostgreSQL does not keep them).
 */
async function listenPostgres(
  url: string,
  channel: string,
  onPayload: (payload: string) => void,
  onError: (error: Error) => void = () => {},
): Promise<NotificationListener> {
  let isClosed = false;
  let isRelistening = false;
  const statement = `listen "${channel.replace(/"/g, '""')}"`;
  const client = postgres(url, {
    max: 1,
    idle_timeout: 0,
    max_lifetime: null,
    fetch_types: false,
    onnotice: () => {},
    connection: { application_name: 'loupe-listen' },
    // postgres.js's own `listen` is built on this option (missing from its types); it re-listens only once.
    ...({
      onnotify: (name: string, payload: string) => {
        if (name === channel) onPayload(payload);
      },
    } as object),
    onclose: () => {
      if (!isClosed) void listenAgain();
    },
  });

  async function listenAgain() {
    if (isRelistening) return;
    isRelistening = true;
    onError(new Error(`the connection listening on ${channel} dropped; listening again`));
    for (let wait: number = RETRY_MS.first; !isClosed; wait = Math.min(wait * 2, RETRY_MS.max)) {
      try {
        await client.unsafe(statement);
        break;
      } catch (error) {
        onError(error as Error);
        await sleep(wait, undefined, { ref: false });
      }
    }
    isRelistening = false;
  }

  try {
    await client.unsafe(statement);
  } catch (error) {
    isClosed = true;
    await client.end({ timeout: 1 });
    throw error;
  }
  return {
    close: async () => {
      isClosed = true;
      await client.end({ timeout: 5 });
    },
  };
}

const MIGRATION_LOCK_KEY = 7_357_001;

async function applyMigrations(handle: DatabaseHandle, databaseUrl?: string): Promise<void> {
  if (handle.kind === 'pglite' || !databaseUrl) {
    await migratePglite(handle.db as never, { migrationsFolder });
    return;
  }
  // Several API replicas or workers may start at once: migrate on one connection under an advisory lock.
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzlePostgres({ client }), { migrationsFolder });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}
