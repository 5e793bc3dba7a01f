import { datasets, modelVersions, predictions, versionsWithPredictions } from '@loupe/db';
import { type TestDatabase, testDatabaseTargets } from '@loupe/db/testing';
import { count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmbedder, type Embedder } from '../embed';
import { retrainDataset } from './retrain-dataset';
import { seedTestDataset } from './test-dataset';

let embedder: Embedder;
beforeAll(async () => {
  embedder = await createEmbedder({ backbone: 'mobilenet-v2-block10', workers: 0, backend: 'wasm' });
});
afterAll(() => embedder.close());

const [pglite] = testDatabaseTargets();

describe('retraining a dataset', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('writes a version with metrics and a prediction for every image, then warm-starts the next', async () => {
    database = await pglite!.open();
    const { db } = database;
    const seeded = await seedTestDataset(db, {
      studies: 16,
      imagesPerStudy: 3,
      categories: ['liver', 'bladder', 'gallbladder'],
      labelled: 'all',
    });
    const ctx = { db, blobs: seeded.blobs, embedder };
    const first = await retrainDataset(ctx, {
      datasetId: seeded.datasetId,
      split: { testFraction: 0.3, validationFraction: 0.1 },
    });
    expect(first.kind).toBe('created');
    if (first.kind !== 'created') return;
    expect(first.version).toBe(1);
    const [stored] = await db.select().from(modelVersions).where(eq(modelVersions.id, first.modelVersionId));
    expect(stored?.categoryIds).toHaveLength(3);
    const metrics = stored?.metrics as { accuracy?: number; n?: number };
    expect(metrics.n).toBeGreaterThan(0);
    expect(metrics.accuracy).toBeGreaterThanOrEqual(0);
    const [{ n } = { n: 0 }] = await db
      .select({ n: count() })
      .from(predictions)
      .where(eq(predictions.modelVersionId, first.modelVersionId));
    expect(n).toBe(seeded.imageIds.length);
    const second = await retrainDataset(ctx, { datasetId: seeded.datasetId });
    expect(second.kind === 'created' && second.version).toBe(2);
    const [secondRow] = await db.select().from(modelVersions).where(eq(modelVersions.version, 2));
    expect(secondRow?.parentId).toBe(first.modelVersionId);
    // Both keep their predictions under the default; keeping only the newest drops the first one's.
    expect(await versionsWithPredictions(db, [first.modelVersionId, secondRow!.id])).toEqual(
      new Set([first.modelVersionId, secondRow!.id]),
    );
    const third = await retrainDataset(ctx, { datasetId: seeded.datasetId, keepPredictionsOfNewest: 1 });
    expect(third.kind === 'created' && third.version).toBe(3);
    expect(await db.$count(predictions)).toBe(seeded.imageIds.length);
    expect(await db.$count(modelVersions)).toBe(3);
  });

  it('trains with the dataset’s own settings, starts cold when the head’s shape changes, and refuses bad ones', async () => {
    database = await pglite!.open();
    const { db } = database;
    const seeded = await seedTestDataset(db, {
      studies: 12,
      imagesPerStudy: 2,
      categories: ['liver', 'bladder'],
      labelled: 'all',
    });
    const ctx = { db, blobs: seeded.blobs, embedder };
    const settle = (trainingSettings: object) =>
      db.update(datasets).set({ trainingSettings }).where(eq(datasets.id, seeded.datasetId));
    const versionRow = async (version: number) =>
      (await db.select().from(modelVersions).where(eq(modelVersions.version, version)))[0]!;

    await settle({ head: 'mlp', hyperparameters: { hiddenUnits: [16], maxEpochs: 3, dropout: 0.2 } });
    // The process's defaults give way to the dataset's settings.
    const first = await retrainDataset(ctx, {
      datasetId: seeded.datasetId,
      head: 'linear',
      hyperparameters: { dropout: 0.4 },
    });
    expect(first.kind === 'created' && first.version).toBe(1);
    const v1 = await versionRow(1);
    expect(v1.head).toBe('mlp');
    expect(v1.hyperparameters).toMatchObject({ hiddenUnits: [16], maxEpochs: 3, dropout: 0.2 });

    const second = await retrainDataset(ctx, { datasetId: seeded.datasetId });
    expect(second.kind === 'created' && second.version).toBe(2);
    expect((await versionRow(2)).parentId).toBe(v1.id);

    // Other hidden layers: the previous head is no starting point, and the run starts cold instead of failing.
    await settle({ head: 'mlp', hyperparameters: { hiddenUnits: [8, 4], maxEpochs: 3 } });
    const third = await retrainDataset(ctx, { datasetId: seeded.datasetId });
    expect(third.kind === 'created' && third.version).toBe(3);
    const v3 = await versionRow(3);
    expect(v3.parentId).toBeNull();
    expect(v3.hyperparameters).toMatchObject({ hiddenUnits: [8, 4] });

    await settle({ head: 'cnn' });
    const refused = await retrainDataset(ctx, { datasetId: seeded.datasetId });
    expect(refused).toMatchObject({ kind: 'skipped', code: 'INVALID_TRAINING_SETTINGS' });
    expect(refused.kind === 'skipped' && refused.message).toMatch(/head/);
    expect(await db.$count(modelVersions)).toBe(3);
  });

  it('gives a typed result and no version when there is nothing to learn from', async () => {
    database = await pglite!.open();
    const { db } = database;
    const unlabelled = await seedTestDataset(db, {
      studies: 4,
      imagesPerStudy: 2,
      categories: ['liver', 'spleen'],
      labelled: 'none',
    });
    const none = await retrainDataset(
      { db, blobs: unlabelled.blobs, embedder },
      { datasetId: unlabelled.datasetId },
    );
    expect(none).toMatchObject({ kind: 'skipped', code: 'NO_TRAINING_DATA' });
    const oneClass = await seedTestDataset(db, {
      studies: 4,
      imagesPerStudy: 2,
      categories: ['liver', 'spleen'],
      labelled: 'one-class',
    });
    const single = await retrainDataset(
      { db, blobs: oneClass.blobs, embedder },
      { datasetId: oneClass.datasetId, split: { testFraction: 0 } },
    );
    expect(single).toMatchObject({ kind: 'skipped', code: 'ONE_CLASS_ONLY' });
    const [{ n } = { n: -1 }] = await db.select({ n: count() }).from(modelVersions);
    expect(n).toBe(0);
  });

  it('skips an image whose bytes do not decode and trains on the rest', async () => {
    database = await pglite!.open();
    const { db } = database;
    const seeded = await seedTestDataset(db, {
      studies: 8,
      imagesPerStudy: 3,
      categories: ['liver', 'bladder'],
      labelled: 'all',
    });
    const broken = await seeded.blobs.put(new TextEncoder().encode('not an image at all'));
    const { images } = await import('@loupe/db');
    await db.update(images).set({ sha256: broken }).where(eq(images.id, seeded.imageIds[0]!));
    const outcome = await retrainDataset(
      { db, blobs: seeded.blobs, embedder },
      { datasetId: seeded.datasetId, split: { testFraction: 0 } },
    );
    expect(outcome.kind).toBe('created');
    const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(predictions);
    expect(n).toBe(seeded.imageIds.length - 1);
  });
});
