import { randomUUID } from 'node:crypto';
import { isEmbeddedDatabase, modelVersions, predictions } from '@loupe/db';
import { type TestDatabase, testDatabaseTargets } from '@loupe/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { seedCachedDataset } from '../synthetic/cached-dataset';
import { type PredictionRow, writeModelVersion } from './write-model-version';

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

    const created = await writeModelVersion(db, versionOf(seeded.datasetId, [a, b]), rows);
    expect(created.version).toBe(1);
    expect(await db.$count(predictions)).toBe(12);

    for (const broken of [
      [...rows, rowFor(randomUUID(), a, b)],
      [rowFor(seeded.imageIds[0]!, a, randomUUID()), ...rows.slice(1)],
    ]) {
      await expect(writeModelVersion(db, versionOf(seeded.datasetId, [a, b]), broken)).rejects.toThrow();
      expect(await db.$count(modelVersions)).toBe(1);
      expect(await db.$count(predictions)).toBe(12);
    }
    // The references are checked again as usual after the write.
    const [image] = seeded.imageIds;
    await expect(
      db
        .insert(predictions)
        .values({ ...rowFor(image!, a, b), imageId: randomUUID(), modelVersionId: created.id }),
    ).rejects.toThrow();
  });
});
