import { categories, labels, modelVersions, predictions, queueLeases } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { vectorToBytes } from '@loupe/ml';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gid, graphqlClient, seedDataset, seedModelVersion, tokenFor } from '../../test/curation-fixtures';
import { createTestApp, type TestApp } from '../../test/test-app';
import { takeQueueItems } from '../operations/take-queue-items';
import { type RunningServer, startServer } from '../server';

const OVERVIEW = `query($d: ID!, $unit: LabelProgressUnit, $last: Int) { dataset(id: $d) { overview {
  labelledCount
  labelCounts { category { name } labelledCount }
  labelProgress(unit: $unit, last: $last) { start labelEvents labelledChange labelledTotal }
  queueSizes { strategy available }
} } }`;

/**
 * Eight images; labels at fixed times (a relabel and a cleared label among them); two model versions, the
 * newest predicting all but the last image; leases held by the viewer, by someone else, and one expired.
 */
describe.each(testDatabaseTargets())('Dataset.overview on $name', (target) => {
  let app: TestApp;
  let server: RunningServer;
  let viewer: { userId: string; token: string };
  let other: { userId: string; token: string };
  let reader: string;
  let datasetId: string;
  let emptyDatasetId: string;
  const statements: string[] = [];
  const gql = graphqlClient(() => server);

  beforeAll(async () => {
    app = await createTestApp(target, {}, { onQuery: (statement) => statements.push(statement) });
    const { db } = app.database;
    viewer = await tokenFor(db, 'ANNOTATOR');
    other = await tokenFor(db, 'ANNOTATOR');
    reader = (await tokenFor(db, 'READER')).token;
    const seeded = await seedDataset(db, {
      name: 'overview',
      categories: ['liver', 'spleen', 'aorta', 'kidney'],
      images: Array.from({ length: 8 }, () => ({})),
      authorId: viewer.userId,
    });
    datasetId = seeded.datasetId;
    const { categoryIds: c, imageIds: img } = seeded;
    // A merged category without labels drops out of the counts.
    await db.update(categories).set({ mergedIntoId: c.liver }).where(eq(categories.id, c.kidney!));
    const events: [number, string | null, string][] = [
      [0, c.liver!, '2026-01-01T10:05:00Z'],
      [1, c.liver!, '2026-01-01T10:30:00Z'],
      [2, c.liver!, '2026-01-01T11:10:00Z'],
      [0, c.spleen!, '2026-01-02T09:00:00Z'],
      [2, null, '2026-01-02T09:30:00Z'],
      [3, c.aorta!, '2026-01-03T12:00:00Z'],
    ];
    for (const [image, categoryId, at] of events)
      await db.insert(labels).values({
        imageId: img[image]!,
        categoryId,
        source: 'ANNOTATOR',
        authorId: viewer.userId,
        createdAt: new Date(at),
      });
    const older = await seedModelVersion(db, datasetId, 1);
    const newest = await seedModelVersion(db, datasetId, 2);
    await db
      .update(modelVersions)
      .set({ categoryIds: [c.liver!, c.spleen!, c.aorta!] })
      .where(eq(modelVersions.id, newest.id));
    const prediction = (
      modelVersionId: string,
      image: number,
      top1: string,
      p1: number,
      labelDisagreement: number | null,
      sketch: number[] | null = null,
    ) => ({
      modelVersionId,
      imageId: img[image]!,
      probabilities:
        top1 === c.liver ? [p1, 1 - p1, 0] : top1 === c.spleen ? [1 - p1, p1, 0] : [0, 1 - p1, p1],
      top1CategoryId: top1,
      top1Probability: p1,
      top2CategoryId: top1 === c.liver ? c.spleen! : c.liver!,
      top2Probability: 1 - p1,
      margin: Math.abs(2 * p1 - 1),
      entropy: 0.5,
      labelDisagreement,
      sketch: sketch ? vectorToBytes(new Float32Array(sketch)) : null,
    });
    await db.insert(predictions).values([
      // The older version would count image 7 too, and see image 3 as a label error.
      ...img.map((_, image) => prediction(older.id, image, c.liver!, 0.9, image < 4 ? 0.9 : null)),
      // Labelled spleen, the model says liver with confidence: a likely label error.
      prediction(newest.id, 0, c.liver!, 0.8, 0.9),
      // Labelled liver and predicted liver: no disagreement.
      prediction(newest.id, 1, c.liver!, 0.9, 0.1),
      // Its label was cleared after the prediction: unlabelled now.
      prediction(newest.id, 2, c.liver!, 0.7, 0.3, [1, 0]),
      // Labelled aorta, the model prefers spleen but below the confidence a label error needs.
      prediction(newest.id, 3, c.spleen!, 0.4, 0.7),
      prediction(newest.id, 4, c.liver!, 0.6, null, [0, 1]),
      prediction(newest.id, 5, c.liver!, 0.6, null),
      // Scored without an embedding sketch: DIVERSE_MARGIN leaves it out.
      prediction(newest.id, 6, c.spleen!, 0.55, null),
    ]);
    const inAMinute = new Date(Date.now() + 60_000);
    await db.insert(queueLeases).values([
      // Expired: image 4 is free again.
      { imageId: img[4]!, datasetId, userId: other.userId, strategy: 'MARGIN', leasedUntil: new Date(0) },
      // Someone else's: image 5 is not the viewer's to take.
      { imageId: img[5]!, datasetId, userId: other.userId, strategy: 'MARGIN', leasedUntil: inAMinute },
      // The viewer's own: image 6 still counts.
      { imageId: img[6]!, datasetId, userId: viewer.userId, strategy: 'MARGIN', leasedUntil: inAMinute },
    ]);
    emptyDatasetId = (
      await seedDataset(db, { name: 'empty', categories: ['a'], images: [{}], authorId: viewer.userId })
    ).datasetId;
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  const overviewOf = async (id: string, token: string, variables: object = {}) => {
    const result = await gql(OVERVIEW, { d: gid('Dataset', id), ...variables }, token);
    expect(result.errors).toBeUndefined();
    return result.data.dataset.overview;
  };

  it('counts current labels per category, leaving out merged categories without labels', async () => {
    const overview = await overviewOf(datasetId, viewer.token);
    expect(overview.labelledCount).toBe(3);
    expect(overview.labelCounts).toEqual([
      { category: { name: 'liver' }, labelledCount: 1 },
      { category: { name: 'spleen' }, labelledCount: 1 },
      { category: { name: 'aorta' }, labelledCount: 1 },
    ]);
  });

  it('buckets label events by day and by hour with the labelled images at the end of each', async () => {
    const byDay = await overviewOf(datasetId, viewer.token);
    expect(byDay.labelProgress).toEqual([
      { start: '2026-01-01T00:00:00Z', labelEvents: 3, labelledChange: 3, labelledTotal: 3 },
      { start: '2026-01-02T00:00:00Z', labelEvents: 2, labelledChange: -1, labelledTotal: 2 },
      { start: '2026-01-03T00:00:00Z', labelEvents: 1, labelledChange: 1, labelledTotal: 3 },
    ]);
    const byHour = await overviewOf(datasetId, viewer.token, { unit: 'HOUR' });
    expect(byHour.labelProgress).toEqual([
      { start: '2026-01-01T10:00:00Z', labelEvents: 2, labelledChange: 2, labelledTotal: 2 },
      { start: '2026-01-01T11:00:00Z', labelEvents: 1, labelledChange: 1, labelledTotal: 3 },
      { start: '2026-01-02T09:00:00Z', labelEvents: 2, labelledChange: -1, labelledTotal: 2 },
      { start: '2026-01-03T12:00:00Z', labelEvents: 1, labelledChange: 1, labelledTotal: 3 },
    ]);
    // The newest buckets only, their totals still counted from the first label on.
    const lastTwo = await overviewOf(datasetId, viewer.token, { last: 2 });
    expect(lastTwo.labelProgress.map((bucket: { labelledTotal: number }) => bucket.labelledTotal)).toEqual([
      2, 3,
    ]);
    const refused = await gql(OVERVIEW, { d: gid('Dataset', datasetId), last: 0 }, viewer.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_INPUT');
  });

  it('sizes each strategy from the newest version, leaving out images leased to someone else', async () => {
    const sizes = Object.fromEntries(
      (await overviewOf(datasetId, viewer.token)).queueSizes.map(
        (size: { strategy: string; available: number }) => [size.strategy, size.available],
      ),
    );
    expect(sizes).toEqual({
      RANDOM: 3,
      LEAST_CONFIDENT: 3,
      MARGIN: 3,
      ENTROPY: 3,
      DIVERSE_MARGIN: 2,
      LIKELY_LABEL_ERROR: 1,
    });
    // The other annotator holds image 5 but not image 6.
    const forOther = await overviewOf(datasetId, other.token);
    expect(forOther.queueSizes.find((size: { strategy: string }) => size.strategy === 'MARGIN')).toEqual({
      strategy: 'MARGIN',
      available: 3,
    });
  });

  it('agrees with what the review queue hands out', async () => {
    const sizes = (await overviewOf(datasetId, viewer.token)).queueSizes as {
      strategy: string;
      available: number;
    }[];
    for (const { strategy, available } of sizes) {
      const items = await takeQueueItems(app, { datasetId, strategy, userId: viewer.userId, count: 100 });
      expect(items.length, strategy).toBe(available);
    }
  });

  it('gives zeros and empty lists for a dataset without labels or model versions', async () => {
    const overview = await overviewOf(emptyDatasetId, viewer.token);
    expect(overview.labelledCount).toBe(0);
    expect(overview.labelCounts).toEqual([{ category: { name: 'a' }, labelledCount: 0 }]);
    expect(overview.labelProgress).toEqual([]);
    expect(overview.queueSizes.every((size: { available: number | null }) => size.available === 0)).toBe(
      true,
    );
  });

  it('refuses a READER and a request without a token', async () => {
    const d = gid('Dataset', datasetId);
    const asReader = await gql(
      'query($d: ID!) { dataset(id: $d) { overview { labelledCount } } }',
      { d },
      reader,
    );
    expect(asReader.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(asReader.data?.dataset ?? null).toBeNull();
    const anonymous = await gql('query($d: ID!) { dataset(id: $d) { overview { labelledCount } } }', { d });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('runs one statement per field whatever the dataset size', async () => {
    const countFor = async (id: string) => {
      statements.length = 0;
      await overviewOf(id, viewer.token);
      return statements.length;
    };
    const small = await countFor(emptyDatasetId);
    const larger = await countFor(datasetId);
    expect(larger).toBe(small);
    // Viewer and dataset lookups, then one statement for each of the four fields.
    expect(larger).toBeLessThanOrEqual(8);
  });
});
