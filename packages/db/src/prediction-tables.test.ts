import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { type Database, executeRows, openDatabase } from './client';
import {
  attachPredictionTable,
  copyRows,
  createPredictionTable,
  dropAbandonedPredictionTables,
  dropOldPredictions,
  dropUnattachedPredictionTable,
  indexPredictionTable,
  predictionTableName,
  versionsWithPredictions,
} from './queries/prediction-tables';
import { modelVersions, predictions, readerStudies, readerStudyModels } from './schema';
import {
  openDatabaseBefore,
  seedImages,
  stubModelVersion,
  type TestDatabase,
  testDatabaseTargets,
} from './testing';

async function insertVersion(db: Database, datasetId: string, version: number, id: string = randomUUID()) {
  await db.insert(modelVersions).values(stubModelVersion({ id, datasetId, version }));
  return id;
}

/** The columns a minimal prediction row fills, and such a row for each image as COPY text. */
const MINIMAL_COLUMNS = [
  'model_version_id',
  'image_id',
  'probabilities',
  'top1_probability',
  'top2_probability',
  'margin',
  'entropy',
];
const minimalRows = (versionId: string, imageIds: readonly string[]) =>
  imageIds.map((imageId) => `${versionId}\t${imageId}\t[1]\t1\t0\t1\t0\n`).join('');

const predictionOf = (modelVersionId: string, imageId: string, categoryId: string | undefined) => ({
  modelVersionId,
  imageId,
  probabilities: [1],
  top1CategoryId: categoryId,
  top1Probability: 1,
  top2Probability: 0,
  margin: 1,
  entropy: 0,
});

/** Each attached table of `predictions` with its row count and number of indexes. */
async function predictionTables(db: Database) {
  return executeRows<{ name: string; rows: number; indexes: number }>(
    db,
    sql`select c.relname as name,
        (xpath('/row/n/text()', query_to_xml(format('select count(*) as n from %I', c.relname), false, true, '')))[1]::text::int as rows,
        (select count(*)::int from pg_index x where x.indrelid = c.oid) as indexes
      from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'predictions'::regclass order by c.relname`,
  );
}

describe('the predictions-by-version migration', () => {
  it('moves every version’s predictions into a table of its own, with the indexes and checks of before', async () => {
    const { database, migrateTheRest } = await openDatabaseBefore('0005_predictions_by_version');
    try {
      const { db } = database;
      const {
        datasetId,
        imageIds,
        categoryIds: [categoryId],
      } = await seedImages(db, 3);
      const first = await insertVersion(db, datasetId, 1);
      const second = await insertVersion(db, datasetId, 2);
      await db
        .insert(predictions)
        .values([
          ...imageIds.map((imageId) => predictionOf(first, imageId, categoryId)),
          predictionOf(second, imageIds[0]!, categoryId),
        ]);
      await migrateTheRest();

      expect(await db.$count(predictions)).toBe(4);
      expect(await predictionTables(db)).toEqual(
        [
          { name: predictionTableName(first), rows: 3, indexes: 6 },
          { name: predictionTableName(second), rows: 1, indexes: 6 },
          { name: 'predictions_default', rows: 0, indexes: 6 },
        ].sort((a, b) => a.name.localeCompare(b.name)),
      );
      // The constraints hold on the new tables: references and the probability range.
      await expect(
        db.insert(predictions).values(predictionOf(first, randomUUID(), categoryId)),
      ).rejects.toThrow();
      await expect(
        db
          .insert(predictions)
          .values({ ...predictionOf(second, imageIds[1]!, categoryId), top1Probability: 2 }),
      ).rejects.toThrow();
      // Rows of a version without a table of its own go to the default one.
      const third = await insertVersion(db, datasetId, 3);
      await db.insert(predictions).values(predictionOf(third, imageIds[2]!, categoryId));
      expect((await predictionTables(db)).find((table) => table.name === 'predictions_default')?.rows).toBe(
        1,
      );
    } finally {
      await database.close();
    }
  });
});

describe.each(testDatabaseTargets())('a version’s prediction table ($name)', (target) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('is created, loaded by COPY, indexed and attached in one transaction, or not at all', async () => {
    database = await target.open();
    const { db } = database;
    const { datasetId, imageIds } = await seedImages(db, 3);
    const columns = ['model_version_id', 'image_id', 'probabilities', 'top1_probability', 'top2_probability'];
    const text = (versionId: string, ids: readonly string[]) =>
      ids.map((imageId) => `${versionId}\t${imageId}\t[0.5,0.5]\t0.5\t0.5\n`).join('');
    const write = (versionId: string, version: number, ids: readonly string[]) =>
      db.transaction(async (tx) => {
        await createPredictionTable(tx, versionId);
        await copyRows(
          tx,
          { table: predictionTableName(versionId), columns: [...columns, 'margin', 'entropy'] },
          text(versionId, ids).replace(/\n/g, '\t0\t0.69\n'),
        );
        await indexPredictionTable(tx, versionId);
        await insertVersion(tx as unknown as Database, datasetId, version, versionId);
        await attachPredictionTable(tx, versionId);
      });

    const good = randomUUID();
    await write(good, 1, imageIds);
    expect(await db.$count(predictions)).toBe(3);

    // A row that names a missing image fails the attach, and the table goes with the transaction.
    const bad = randomUUID();
    await expect(write(bad, 2, [imageIds[0]!, randomUUID()])).rejects.toThrow();
    // The attach used the primary key built before it and built the other indexes once.
    expect(await predictionTables(db)).toEqual(
      [
        { name: predictionTableName(good), rows: 3, indexes: 6 },
        { name: 'predictions_default', rows: 0, indexes: 6 },
      ].sort((a, b) => a.name.localeCompare(b.name)),
    );
    expect(await db.$count(modelVersions)).toBe(1);
  });

  it('drops tables begun and never attached: at once after a failed run, after an hour when left by a killed one', async () => {
    database = await target.open();
    const { db } = database;
    const { datasetId, imageIds } = await seedImages(db, 2);
    const tableNames = async () =>
      (
        await executeRows<{ name: string }>(
          db,
          sql`select relname as name from pg_class where relkind = 'r' and relname ~ '^predictions_[0-9a-f]{32}$'`,
        )
      )
        .map((row) => row.name)
        .sort();
    const begin = async (id: string) => {
      await createPredictionTable(db, id);
      await db.transaction((tx) =>
        copyRows(tx, { table: predictionTableName(id), columns: MINIMAL_COLUMNS }, minimalRows(id, imageIds)),
      );
    };
    const attached = randomUUID();
    await begin(attached);
    await db.transaction(async (tx) => {
      await insertVersion(tx as unknown as Database, datasetId, 1, attached);
      await attachPredictionTable(tx, attached);
    });
    const failed = randomUUID();
    const killed = randomUUID();
    await begin(failed);
    await begin(killed);

    // A failed run drops its own table; an attached table is never dropped that way.
    await dropUnattachedPredictionTable(db, failed);
    await dropUnattachedPredictionTable(db, attached);
    await dropUnattachedPredictionTable(db, randomUUID()); // none: nothing to do
    expect(await tableNames()).toEqual([predictionTableName(attached), predictionTableName(killed)].sort());

    // A table younger than the limit may still be loading: it stays. Past the limit it goes; attached ones stay.
    expect(await dropAbandonedPredictionTables(db, { olderThanMs: 60 * 60_000 })).toEqual([]);
    expect(await dropAbandonedPredictionTables(db, { olderThanMs: 0 })).toEqual([
      predictionTableName(killed),
    ]);
    expect(await tableNames()).toEqual([predictionTableName(attached)]);
    expect(await db.$count(predictions)).toBe(2);
  });

  it('drops the predictions of older versions, but not of the promoted one or those in reader studies', async () => {
    database = await target.open();
    const { db } = database;
    const {
      datasetId,
      imageIds,
      categoryIds: [categoryId],
    } = await seedImages(db, 2);
    const other = await seedImages(db, 1);
    const write = async (dataset: { datasetId: string; imageIds: string[] }, version: number) => {
      const id = randomUUID();
      await db.transaction(async (tx) => {
        await createPredictionTable(tx, id);
        await copyRows(
          tx,
          { table: predictionTableName(id), columns: MINIMAL_COLUMNS },
          minimalRows(id, dataset.imageIds),
        );
        await indexPredictionTable(tx, id);
        await insertVersion(tx as unknown as Database, dataset.datasetId, version, id);
        await attachPredictionTable(tx, id);
      });
      return id;
    };
    // Version 1's rows sit in the default table (it has none of its own); version 2 is promoted; version 3
    // is in a reader study.
    const versions = [await insertVersion(db, datasetId, 1)];
    await db.insert(predictions).values(imageIds.map((id) => predictionOf(versions[0]!, id, categoryId)));
    for (let version = 2; version <= 6; version += 1)
      versions.push(await write({ datasetId, imageIds }, version));
    const otherVersion = await write(other, 1);
    await db.update(modelVersions).set({ isPromoted: true }).where(eq(modelVersions.id, versions[1]!));
    const [study] = await db
      .insert(readerStudies)
      .values({ datasetId, name: 'readers', view: 'CROP' })
      .returning();
    await db.insert(readerStudyModels).values({ studyId: study!.id, modelVersionId: versions[2]! });

    expect(await versionsWithPredictions(db, versions)).toEqual(new Set(versions));
    if (database.databaseUrl) {
      // A reader on another connection holds predictions: the drop gives up instead of stalling everyone
      // behind its lock, and drops nothing.
      const reader = await openDatabase({ databaseUrl: database.databaseUrl, migrate: false });
      let release!: () => void;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      let isReading!: () => void;
      const reading = new Promise<void>((resolve) => {
        isReading = resolve;
      });
      const holding = reader.db.transaction(async (tx) => {
        await tx.select().from(predictions).limit(1);
        isReading();
        await released;
      });
      await reading;
      expect(await dropOldPredictions(db, { datasetId, keepNewest: 2, lockTimeoutMs: 200 })).toEqual([]);
      release();
      await holding;
      await reader.close();
      expect(await versionsWithPredictions(db, versions)).toEqual(new Set(versions));
    }
    const dropped = await dropOldPredictions(db, { datasetId, keepNewest: 2 });
    expect(new Set(dropped)).toEqual(new Set([versions[0], versions[3]]));
    expect(await versionsWithPredictions(db, [...versions, otherVersion])).toEqual(
      new Set([versions[1], versions[2], versions[4], versions[5], otherVersion]),
    );
    const remaining = await executeRows<{ id: string; count: number }>(
      db,
      sql`select model_version_id as id, count(*)::int as count from predictions group by 1`,
    );
    expect(new Map(remaining.map((row) => [row.id, row.count]))).toEqual(
      new Map([
        [versions[1], 2],
        [versions[2], 2],
        [versions[4], 2],
        [versions[5], 2],
        [otherVersion, 1],
      ]),
    );
    // The versions themselves stay; a second pass has nothing left to drop.
    expect(await db.$count(modelVersions)).toBe(7);
    expect(await dropOldPredictions(db, { datasetId, keepNewest: 2 })).toEqual([]);
  });

  it('has a name only for a version id', () => {
    expect(predictionTableName('0b7c6a52-1c9e-4c1e-9a43-5d1f3c1b2a10')).toBe(
      'predictions_0b7c6a521c9e4c1e9a435d1f3c1b2a10',
    );
    expect(() => predictionTableName('x"; drop table images; --')).toThrow(/not a model version id/);
  });
});
