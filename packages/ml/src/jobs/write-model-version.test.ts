import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Database,
  executeRows,
  isEmbeddedDatabase,
  modelVersions,
  predictions,
  predictionTableName,
} from '@loupe/db';
import { type TestDatabase, testDatabaseTargets } from '@loupe/db/testing';
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { seedCachedDataset } from '../synthetic/cached-dataset';
import { encodePredictionChunks, PREDICTION_COPY_CHUNK } from './prediction-copy';
import {
  abandonPredictionLoad,
  type PredictionRow,
  startPredictionLoad,
  writeModelVersion,
} from './write-model-version';

function versionOf(datasetId: string, categoryIds: string[]) {
  return {
    datasetId,
    backbone: 'test',
    head: 'linear' as const,
    hyperparameters: {},
    categoryIds,
    trainingSet: { labelIds: [], trainCount: 0, validationCount: 0, testCount: 0 },
    split: { unit: 'study' },
    metrics: {},
    weightsSha256: '0'.repeat(64),
    trainingMs: 1,
  };
}

function rowFor(imageId: string, top1: string, top2: string): PredictionRow {
  return {
    imageId,
    probabilities: [0.7, 0.3],
    top1CategoryId: top1,
    top1Probability: 0.7,
    top2CategoryId: top2,
    top2Probability: 0.3,
    margin: 0.4,
    entropy: 0.61,
    labelledDistance: null,
    labelDisagreement: null,
    sketch: null,
  };
}

describe.each(testDatabaseTargets())('writing a model version ($name)', (target) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('writes the version and every prediction row, or nothing when a row points to a missing image or category', async () => {
    database = await target.open();
    const { db } = database;
    expect(isEmbeddedDatabase(db)).toBe(target.name === 'pglite');
    const seeded = await seedCachedDataset(db, { imageCount: 12, dimensions: 4 });
    const [a, b] = seeded.categoryIds as [string, string];
    const rows = seeded.imageIds.map((id) => rowFor(id, a, b));
    // Every kind of value survives the trip: bytes that are tabs, newlines and backslashes, nulls, and every
    // float32 (the precision of the scores and probabilities).
    const probabilities = [0.123456789, 1 / 3, 1e-12, 3.4e38, 1.4e-45].map(Math.fround);
    rows[0] = {
      ...rows[0]!,
      probabilities,
      top2CategoryId: null,
      labelledDistance: 0.25,
      labelDisagreement: 0.5,
      sketch: new Uint8Array([0, 9, 10, 13, 92, 255]),
    };

    const created = await writeModelVersion(db, versionOf(seeded.datasetId, [a, b]), rows);
    expect(created.version).toBe(1);
    expect(await db.$count(predictions)).toBe(12);
    const [stored] = await db.select().from(predictions).where(eq(predictions.imageId, rows[0].imageId));
    expect(stored!.probabilities.map(Math.fround)).toEqual(probabilities);
    expect(stored).toMatchObject({
      modelVersionId: created.id,
      top1CategoryId: a,
      top2CategoryId: null,
      labelledDistance: 0.25,
      labelDisagreement: 0.5,
    });
    expect([...stored!.sketch!]).toEqual([0, 9, 10, 13, 92, 255]);

    for (const broken of [
      [...rows, rowFor(randomUUID(), a, b)],
      [rowFor(seeded.imageIds[0]!, a, randomUUID()), ...rows.slice(1)],
    ]) {
      await expect(writeModelVersion(db, versionOf(seeded.datasetId, [a, b]), broken)).rejects.toThrow();
      expect(await db.$count(modelVersions)).toBe(1);
      expect(await db.$count(predictions)).toBe(12);
    }
    // A value the table would refuse is refused before anything is written (on PostgreSQL the server's refusal
    // of a COPY would never reach the caller).
    for (const refused of [
      { ...rowFor(seeded.imageIds[0]!, a, b), probabilities: [Number.NaN, 0.3] },
      { ...rowFor(seeded.imageIds[0]!, a, b), entropy: Number.POSITIVE_INFINITY },
      { ...rowFor(seeded.imageIds[0]!, a, b), top1Probability: 1.5 },
    ]) {
      await expect(
        writeModelVersion(db, versionOf(seeded.datasetId, [a, b]), [refused, ...rows.slice(1)]),
      ).rejects.toMatchObject({ code: 'INVALID_PREDICTIONS' });
      expect(await db.$count(modelVersions)).toBe(1);
    }
    // The references are checked again as usual after the write.
    const [image] = seeded.imageIds;
    await expect(
      db
        .insert(predictions)
        .values({ ...rowFor(image!, a, b), imageId: randomUUID(), modelVersionId: created.id }),
    ).rejects.toThrow();
    // The rows live in the version’s own table, attached to predictions; failed writes left no table behind,
    // attached or not.
    expect(await predictionTablesOf(db)).toEqual([predictionTableName(created.id)]);
    const [own] = await executeRows<{ count: number }>(
      db,
      sql`select count(*)::int as count from ${sql.raw(predictionTableName(created.id))}`,
    );
    expect(own?.count).toBe(12);
  });

  it("gives the version's table one index for each index of predictions, each adopted by it (none built twice)", async () => {
    database = await target.open();
    const { db } = database;
    const seeded = await seedCachedDataset(db, { imageCount: 30, dimensions: 4 });
    const [a, b] = seeded.categoryIds as [string, string];
    const version = await writeModelVersion(
      db,
      versionOf(seeded.datasetId, [a, b]),
      seeded.imageIds.map((id) => rowFor(id, a, b)),
    );
    // Every index of the version's table is a partition of an index of predictions, each of those has one.
    const indexes = await executeRows<{ name: string; parent: string | null; definition: string }>(
      db,
      sql`select c.relname as name, p.relname as parent, pg_get_indexdef(c.oid) as definition
        from pg_index i
        join pg_class c on c.oid = i.indexrelid
        left join pg_inherits h on h.inhrelid = c.oid
        left join pg_class p on p.oid = h.inhparent
        where i.indrelid = ${predictionTableName(version.id)}::regclass
        order by p.relname`,
    );
    const parents = await executeRows<{ name: string }>(
      db,
      sql`select c.relname as name from pg_index i join pg_class c on c.oid = i.indexrelid
        where i.indrelid = 'predictions'::regclass order by c.relname`,
    );
    expect(parents.length).toBe(6);
    expect(indexes.map((index) => index.parent)).toEqual(parents.map((parent) => parent.name));
    expect(indexes.some((index) => /WHERE \(label_disagreement IS NOT NULL\)/.test(index.definition))).toBe(
      true,
    );
  });

  it('loads predictions while they are still being made, and drops them when no version comes', async () => {
    database = await target.open();
    const { db } = database;
    const imageCount = 2 * PREDICTION_COPY_CHUNK + 7;
    const seeded = await seedCachedDataset(db, { imageCount, dimensions: 4 });
    const [a, b] = seeded.categoryIds as [string, string];
    const rows = seeded.imageIds.map((id) => rowFor(id, a, b));
    const texts: string[] = [];
    encodePredictionChunks('00000000-0000-4000-8000-000000000000', rows, (text) => texts.push(text));
    expect(texts).toHaveLength(3);

    // Chunks that come one at a time, the last long after the load began: the version has every row.
    const id = randomUUID();
    const chunks = new PassThrough({ objectMode: true });
    const load = startPredictionLoad(db, id, chunks);
    const made: string[] = [];
    encodePredictionChunks(id, rows, (text) => made.push(text));
    for (const text of made) {
      chunks.write(text);
      await sleep(20);
    }
    // Not a row is readable before the version is written, loaded or not.
    expect(await db.$count(predictions)).toBe(0);
    chunks.end();
    const created = await writeModelVersion(db, { ...versionOf(seeded.datasetId, [a, b]), id }, load);
    expect(created).toEqual({ id, version: 1 });
    expect(await db.$count(predictions, eq(predictions.modelVersionId, id))).toBe(imageCount);

    // A load for a run that ends without a version (skipped, failed, stopped) leaves no table behind.
    const abandoned = new PassThrough({ objectMode: true });
    const unused = startPredictionLoad(db, randomUUID(), abandoned);
    abandoned.write(made[0]!.replaceAll(id, unused.modelVersionId));
    abandoned.end();
    await abandonPredictionLoad(db, unused);
    expect(await predictionTablesOf(db)).toEqual([predictionTableName(id)]);

    // A load with a row for an image that does not exist fails the write: neither version nor table is left.
    const refusing = new PassThrough({ objectMode: true });
    const refused = startPredictionLoad(db, randomUUID(), refusing);
    refusing.end(`${refused.modelVersionId}\t${randomUUID()}\t[1]\t\\N\t1\t\\N\t0\t1\t0\t\\N\t\\N\t\\N\n`);
    await expect(
      writeModelVersion(db, { ...versionOf(seeded.datasetId, [a, b]), id: refused.modelVersionId }, refused),
    ).rejects.toThrow();
    expect(await db.$count(modelVersions)).toBe(1);
    expect(await predictionTablesOf(db)).toEqual([predictionTableName(id)]);
  });

  it('writes versions of several datasets at once, each numbered on its own', async () => {
    database = await target.open();
    const { db } = database;
    const datasets = await Promise.all(
      [40, 41, 42].map((imageCount) => seedCachedDataset(db, { imageCount, dimensions: 4 })),
    );
    const written = await Promise.all(
      datasets.flatMap((seeded) =>
        [0, 1].map(() => {
          const [a, b] = seeded.categoryIds as [string, string];
          return writeModelVersion(
            db,
            versionOf(seeded.datasetId, [a, b]),
            seeded.imageIds.map((id) => rowFor(id, a, b)),
          );
        }),
      ),
    );
    expect(written.map((version) => version.version).sort()).toEqual([1, 1, 1, 2, 2, 2]);
    expect(await db.$count(predictions)).toBe(2 * (40 + 41 + 42));
    expect(await predictionTablesOf(db)).toHaveLength(6);
  });
});

/** The tables of single versions, attached to `predictions` or not. */
async function predictionTablesOf(db: Database): Promise<string[]> {
  const rows = await executeRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c
      where c.relkind = 'r' and c.relname ~ '^predictions_[0-9a-f]{32}$' order by 1`,
  );
  return rows.map((row) => row.name);
}
