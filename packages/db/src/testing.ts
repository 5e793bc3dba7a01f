import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/pglite/migrator';
import postgres from 'postgres';
import {
  type Database,
  type DatabaseHandle,
  executeRows,
  migrationsFolder,
  type OpenDatabaseOptions,
  openDatabase,
} from './client';
import { categories, modelVersions, studies } from './schema';

export type TestDatabase = DatabaseHandle & { databaseUrl?: string };

export type TestDatabaseTarget = {
  name: 'pglite' | 'postgres';
  open: (options?: Pick<OpenDatabaseOptions, 'onQuery' | 'migrate'>) => Promise<TestDatabase>;
};

/**
 * The databases every database test runs against: an in-memory PGlite always, and a real PostgreSQL
 * server when LOUPE_TEST_POSTGRES_URL names one (CI sets it). Each `open` gets a fresh, empty database.
 */
export function testDatabaseTargets(): TestDatabaseTarget[] {
  const targets: TestDatabaseTarget[] = [{ name: 'pglite', open: (options) => openDatabase({ ...options }) }];
  const serverUrl = process.env.LOUPE_TEST_POSTGRES_URL;
  if (serverUrl) targets.push({ name: 'postgres', open: (options) => openFreshPostgres(serverUrl, options) });
  return targets;
}

/**
 * A new, empty database on a PostgreSQL server, migrated; `close` drops it. For tests and benchmarks.
 */
export async function openFreshPostgres(
  serverUrl: string,
  options?: Pick<OpenDatabaseOptions, 'onQuery' | 'migrate' | 'maxConnections'>,
): Promise<TestDatabase> {
  const name = `loupe_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const handle = await openDatabase({ maxConnections: 4, ...options, databaseUrl });
  return {
    ...handle,
    databaseUrl,
    close: async () => {
      await handle.close();
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end({ timeout: 5 });
      }
    },
  };
}

/** A dataset with one study of `imageCount` images and three categories, for database tests. */
export async function seedImages(db: Database, imageCount: number) {
  // Datasets and images are written in SQL with the columns of the first migration, so tests of later
  // migrations can seed before them.
  const [dataset] = await executeRows<{ id: string }>(
    db,
    sql`insert into datasets (name) values (${`d${Math.random()}`}) returning id`,
  );
  const [study] = await db.insert(studies).values({ datasetId: dataset!.id, key: 's1' }).returning();
  const imageRows = await executeRows<{ id: string }>(
    db,
    sql`insert into images (dataset_id, study_id, sha256, width, height, format, source_file_name)
      select ${dataset!.id}::uuid, ${study!.id}::uuid, lpad(n::text, 64, '0'), 10, 10, 'PNG', n || '.png'
      from generate_series(0, ${imageCount - 1}::int) as n
      order by n
      returning id`,
  );
  const categoryRows = await db
    .insert(categories)
    .values(['liver', 'spleen', 'aorta'].map((name) => ({ datasetId: dataset!.id, name })))
    .returning();
  return {
    datasetId: dataset!.id,
    imageIds: imageRows.map((row) => row.id),
    categoryIds: categoryRows.map((row) => row.id),
  };
}

type ModelVersionInsert = typeof modelVersions.$inferInsert;

/**
 * A model version row for tests that need one to exist: every column they do not name is a placeholder
 * (no weights behind it, empty metrics and training set).
 */
export function stubModelVersion(
  values: Pick<ModelVersionInsert, 'datasetId' | 'version'> & Partial<ModelVersionInsert>,
): ModelVersionInsert {
  return {
    backbone: 'b',
    head: 'linear',
    hyperparameters: {},
    categoryIds: [],
    trainingSet: {},
    split: {},
    metrics: {},
    weightsSha256: '0'.repeat(64),
    ...values,
  };
}

/**
 * An embedded database migrated up to the committed migration `tag` (not included), and a function that
 * applies the rest: for tests of what a migration does to rows stored before it.
 */
export async function openDatabaseBefore(
  tag: string,
): Promise<{ database: DatabaseHandle; migrateTheRest: () => Promise<void> }> {
  const before = await mkdtemp(join(tmpdir(), 'loupe-migrations-before-'));
  await cp(migrationsFolder, before, { recursive: true });
  const journalPath = join(before, 'meta', '_journal.json');
  const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const index = journal.entries.findIndex((entry) => entry.tag === tag);
  if (index < 1) throw new Error(`no migration before ${tag}`);
  journal.entries = journal.entries.slice(0, index);
  await writeFile(journalPath, JSON.stringify(journal));
  const database = await openDatabase({ migrate: false });
  await migrate(database.db as never, { migrationsFolder: before });
  return { database, migrateTheRest: () => migrate(database.db as never, { migrationsFolder }) };
}
