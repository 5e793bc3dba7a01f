import { randomBytes } from 'node:crypto';
import { isAbsolute, relative } from 'node:path';
import {
  type BlobStore,
  createFileBlobStore,
  type DatabaseHandle,
  instanceSettings,
  openDatabase,
  removeUnreferencedBlobs,
} from '@loupe/db';
import { eq } from 'drizzle-orm';
import type { Settings } from './env';
import type { EventBus } from './events/event-bus';
import { createLogger, type Logger } from './logger';

/** Hands work to the durable job queue (absent in a process that only reads). */
export type JobSink = {
  enqueue: (
    queue: 'retrain' | 'embed',
    data: { datasetId: string; reason: string; requestedBy?: string; retrainAfter?: boolean },
  ) => Promise<string | null>;
};

/** What every operation needs: the database, the blob store, the settings and a logger. */
export type AppContext = {
  /** The job queue, once started (the serve command attaches it after the server listens). */
  jobs?: JobSink;
  /** Change events for subscriptions, while the server serves them. */
  events?: EventBus;
  settings: Settings;
  database: DatabaseHandle;
  blobs: BlobStore;
  logger: Logger;
  /** Salt for hashing DICOM Study Instance UIDs; shared by every process of one instance. */
  uidSalt: string;
  close: () => Promise<void>;
};

export async function createAppContext(
  settings: Settings,
  options: { logger?: Logger; onQuery?: (sql: string) => void } = {},
): Promise<AppContext> {
  const logger = options.logger ?? createLogger(settings.logLevel);
  const database = await openDatabase({
    databaseUrl: settings.databaseUrl,
    dataDir: settings.databaseUrl ? undefined : settings.dataDir,
    onQuery: options.onQuery,
  });
  const uidSalt = await ensureInstanceSetting(database, 'study_uid_salt', () =>
    randomBytes(32).toString('hex'),
  );
  const blobs = createFileBlobStore(settings.blobDir);
  if (database.kind === 'pglite' && isInside(settings.blobDir, settings.dataDir)) {
    // This process owns the data folder alone: any blob no row points at was left by a process killed
    // between writing an image's bytes and committing its rows.
    try {
      const removed = await removeUnreferencedBlobs(database.db, blobs, { writtenBefore: new Date() });
      if (removed.blobs + removed.temporaryFiles > 0)
        logger.warn(removed, 'removed blobs left by an interrupted write');
    } catch (error) {
      logger.warn({ err: error }, 'could not look for blobs left by an interrupted write');
    }
  }
  return {
    settings,
    database,
    blobs,
    logger,
    uidSalt,
    close: () => database.close(),
  };
}

function isInside(path: string, folder: string): boolean {
  const inside = relative(folder, path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
}

/** Reads an instance-wide value, creating it once (concurrent starters agree on the first one written). */
export async function ensureInstanceSetting(
  database: DatabaseHandle,
  key: string,
  create: () => string,
): Promise<string> {
  const { db } = database;
  await db.insert(instanceSettings).values({ key, value: create() }).onConflictDoNothing();
  const [row] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, key));
  if (!row) throw new Error(`Instance setting ${key} could not be created`);
  return row.value;
}
