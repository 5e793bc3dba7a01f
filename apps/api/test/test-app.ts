import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileBlobStore } from '@loupe/db';
import type { TestDatabase, TestDatabaseTarget } from '@loupe/db/testing';
import { type AppContext, ensureInstanceSetting } from '../src/app-context';
import { loadSettings, type Settings } from '../src/env';
import { createLogger } from '../src/logger';

export type TestApp = AppContext & {
  database: TestDatabase;
  /** The temporary folder holding the blob store (and anything else the test writes). */
  tempDir: string;
};

/**
 * An app context around a fresh test database and a temporary blob folder, with a silent logger.
 * `close` closes the database and removes the folder.
 */
export async function createTestApp(
  target: TestDatabaseTarget,
  overrides: Partial<Settings> = {},
  options: { onQuery?: (sql: string) => void } = {},
): Promise<TestApp> {
  const tempDir = await mkdtemp(join(tmpdir(), 'loupe-api-test-'));
  const database = await target.open({ onQuery: options.onQuery });
  const settings = loadSettings(
    {},
    {
      databaseUrl: database.databaseUrl,
      dataDir: tempDir,
      blobDir: join(tempDir, 'blobs'),
      logLevel: 'silent',
      demoImages: 0,
      ...overrides,
    },
  );
  const uidSalt = await ensureInstanceSetting(database, 'study_uid_salt', () =>
    randomBytes(32).toString('hex'),
  );
  return {
    settings,
    database,
    blobs: createFileBlobStore(settings.blobDir),
    logger: createLogger('silent'),
    uidSalt,
    tempDir,
    close: async () => {
      await database.close();
      await rm(tempDir, { recursive: true, force: true });
    },
  };
}
