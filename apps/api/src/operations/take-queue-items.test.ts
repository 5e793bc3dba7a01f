import { randomUUID } from 'node:crypto';
import {
  categories,
  datasets,
  images,
  labels,
  modelVersions,
  predictions,
  queueLeases,
  studies,
  users,
} from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import {
  createRandom,
  type ImageScore,
  rankCandidates,
  registerStrategy,
  sketchEmbeddings,
  strategyNames,
} from '@loupe/ml';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { setImagesExcluded } from './exclude-images';
import { takeQueueItems } from './take-queue-items';

const IMAGE_COUNT = 400;

/** A strategy registered as a plugin would be: it is handed every stored score. */
const PLUGIN_STRATEGY = 'EVERY_ROW';
registerStrategy({
  name: PLUGIN_STRATEGY,
  description: 'every row, in stored order',
  rank: (scores, options) =>
    scores
      .filter((score) => !options.exclude.has(score.index))
      .slice(0, options.batchSize)
      .map((score) => ({ index: score.index, score: 1, reason: 'test' })),
});
const CLASS_COUNT = 4;

/**
 * A dataset with one model version whose stored scores are random: a quarter of the images labelled (some
 * against the model's guess), some labels cleared again, and images leased to another annotator.
 */
async function seedQueue(app: TestApp) {
  const { db } = app.database;
  const draw = createRandom('queue-fixture');
  const [dataset] = await db.insert(datasets).values({ name: 'queue' }).returning();
  const datasetId = dataset!.id;
  const categoryRows = await db
    .insert(categories)
    .values(Array.from({ length: CLASS_COUNT }, (_, c) => ({ datasetId, name: `view ${c}` })))
    .returning();
  const categoryIds = categoryRows.map((row) => row.id);
  const [study] = await db.insert(studies).values({ datasetId, key: 'S1' }).returning();
  const imageRows = await db
    .insert(images)
    .values(
      Array.from({ length: IMAGE_COUNT }, (_, i) => ({
        datasetId,
        studyId: study!.id,
        sha256: i.toString(16).padStart(64, '0'),
        width: 64,
        height: 64,
        format: 'PNG' as const,
        sourceFileName: `${i}.png`,
      })),
    )
    .returning();
  const [version] = await db
    .insert(modelVersions)
    .values({
      datasetId,
      version: 1,
      backbone: 'test',
      head: 'linear',
      hyperparameters: {},
      categoryIds,
      trainingSet: [],
      split: {},
      metrics: {},
      weightsSha256: '0'.repeat(64),
    })
    .returning();
  const [me, other] = await db
    .insert(users)
    .values([
      { email: 'me@example.org', name: 'Me', role: 'ANNOTATOR' as const },
      { email: 'other@example.org', name: 'Other', role: 'ANNOTATOR' as const },
    ])
    .returning();
  const labelRows: (typeof labels.$inferInsert)[] = [];
  const sketches = sketchEmbeddings(
    Array.from({ length: IMAGE_COUNT }, () => Float32Array.from({ length: 8 }, () => draw() - 0.5)),
  );
  const predictionRows = imageRows.map((image, i) => {
    const raw = Array.from({ length: CLASS_COUNT }, () => draw() ** 3);
    const total = raw.reduce((sum, value) => sum + value, 0);
    const probabilities = raw.map((value) => value / total);
    const order = probabilities.map((_, c) => c).sort((a, b) => probabilities[b]! - probabilities[a]!);
    const [top1, top2] = [order[0]!, order[1]!];
    const labelled = i % 4 === 0;
    const label = labelled ? (i % 8 === 0 ? top1 : (top1 + 1) % CLASS_COUNT) : null;
    if (label !== null)
      labelRows.push({ imageId: image.id, categoryId: categoryIds[label]!, source: 'IMPORT' });
    // Every 20th labelled image is cleared again afterwards: it counts as unlabelled.
    if (label !== null && i % 20 === 0)
      labelRows.push({ imageId: image.id, categoryId: null, source: 'ANNOTATOR', authorId: me!.id });
    return {
      modelVersionId: version!.id,
      imageId: image.id,
      probabilities,
      top1CategoryId: categoryIds[top1]!,
      top1Probability: probabilities[top1]!,
      top2CategoryId: categoryIds[top2]!,
      top2Probability: probabilities[top2]!,
      margin: probabilities[top1]! - probabilities[top2]!,
      entropy: -probabilities.reduce((sum, p) => sum + (p > 0 ? p * Math.log(p) : 0), 0),
      labelledDistance: draw(),
      labelDisagreement: label === null ? null : 1 - probabilities[label]!,
      sketch: new Uint8Array(sketches[i]!.buffer.slice(0)),
    };
  });
  await db.insert(predictions).values(predictionRows);
  for (const row of labelRows) await db.insert(labels).values(row);
  const leased = imageRows.filter((_, i) => i % 7 === 3).map((image) => image.id);
  await db.insert(queueLeases).values(
    leased.map((imageId) => ({
      imageId,
      datasetId,
      userId: other!.id,
      strategy: 'MARGIN',
      leasedUntil: new Date(Date.now() + 600_000),
    })),
  );
  return { datasetId, categoryIds, predictionRows, labelRows, leased: new Set(leased), me: me!.id };
}

describe.each(testDatabaseTargets())('the review queue on $name', (target) => {
  let app: TestApp;
  let fixture: Awaited<ReturnType<typeof seedQueue>>;

  beforeAll(async () => {
    app = await createTestApp(target);
    fixture = await seedQueue(app);
  });
  afterAll(() => app.close());

  /** What the strategy picks when it is handed every stored score, as a full scan would. */
  function expectedFromEveryRow(strategy: string, count: number, seed: string): string[] {
    const current = new Map<string, string | null>();
    for (const row of fixture.labelRows) current.set(row.imageId, row.categoryId ?? null);
    const classOf = new Map(fixture.categoryIds.map((id, index) => [id, index]));
    const rows = fixture.predictionRows;
    const scores: ImageScore[] = rows.map((row, index) => {
      const labelCategory = current.get(row.imageId) ?? null;
      const currentLabel = labelCategory === null ? null : classOf.get(labelCategory)!;
      return {
        index,
        top1: classOf.get(row.top1CategoryId)!,
        p1: row.top1Probability,
        top2: classOf.get(row.top2CategoryId)!,
        p2: row.top2Probability,
        margin: row.margin,
        entropy: row.entropy,
        leastConfidence: 1 - row.top1Probability,
        isLabelled: labelCategory !== null,
        currentLabel,
        labelProbability: currentLabel === null ? null : row.probabilities[currentLabel]!,
        labelDisagreement: currentLabel === null ? null : 1 - row.probabilities[currentLabel]!,
        labelledDistance: row.labelledDistance,
        sketch: new Float32Array(row.sketch.slice().buffer),
      };
    });
    const exclude = rows.flatMap((row, index) => (fixture.leased.has(row.imageId) ? [index] : []));
    return rankCandidates(strategy, scores, { batchSize: count * 2, exclude, seed })
      .slice(0, count)
      .map((candidate) => rows[candidate.index]!.imageId);
  }

  it.each(['MARGIN', 'LEAST_CONFIDENT', 'ENTROPY', 'DIVERSE_MARGIN', 'LIKELY_LABEL_ERROR'])(
    '%s reads only its candidates yet picks what a scan of every score picks',
    async (strategy) => {
      const items = await takeQueueItems(app, {
        datasetId: fixture.datasetId,
        strategy,
        userId: fixture.me,
        count: 12,
        seed: 'fixed',
      });
      expect(items.length).toBe(12);
      expect(items.map((item) => item.imageId)).toEqual(expectedFromEveryRow(strategy, 12, 'fixed'));
      // Exactly the images handed out are leased: nothing extra is held back from other annotators.
      const mine = await app.database.db
        .select({ imageId: queueLeases.imageId })
        .from(queueLeases)
        .where(sql`${queueLeases.userId} = ${fixture.me}`);
      expect(mine.map((row) => row.imageId).sort()).toEqual(items.map((item) => item.imageId).sort());
      await app.database.db.delete(queueLeases).where(sql`${queueLeases.userId} = ${fixture.me}`);
    },
  );

  it('RANDOM hands out unlabelled images nobody else holds, different ones on each draw', async () => {
    const unlabelled = new Set(
      fixture.predictionRows
        .filter((row) => {
          const last = fixture.labelRows.filter((label) => label.imageId === row.imageId).at(-1);
          return !last?.categoryId;
        })
        .map((row) => row.imageId),
    );
    const seen = new Set<string>();
    for (let draw = 0; draw < 6; draw += 1) {
      const items = await takeQueueItems(app, {
        datasetId: fixture.datasetId,
        strategy: 'RANDOM',
        userId: fixture.me,
        count: 10,
      });
      expect(items.length).toBe(10);
      for (const item of items) {
        expect(unlabelled.has(item.imageId)).toBe(true);
        expect(fixture.leased.has(item.imageId)).toBe(false);
        seen.add(item.imageId);
      }
    }
    expect(seen.size).toBeGreaterThan(30);
  });

  it('refuses an unknown dataset with NOT_FOUND, and hands out nothing before the first model version', async () => {
    const take = (datasetId: string) =>
      takeQueueItems(app, { datasetId, strategy: 'MARGIN', userId: fixture.me, count: 5 });
    const leasesBefore = await app.database.db.select().from(queueLeases);
    await expect(take(randomUUID())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [untrained] = await app.database.db.insert(datasets).values({ name: 'untrained' }).returning();
    expect(await take(untrained!.id)).toEqual([]);
    expect(await app.database.db.select().from(queueLeases)).toEqual(leasesBefore);
  });

  it('every built-in strategy is read through its own pool', () => {
    expect(
      strategyNames()
        .filter((name) => name !== PLUGIN_STRATEGY)
        .sort(),
    ).toEqual(
      ['DIVERSE_MARGIN', 'ENTROPY', 'LEAST_CONFIDENT', 'LIKELY_LABEL_ERROR', 'MARGIN', 'RANDOM'].sort(),
    );
  });

  // Last: it excludes images for the rest of the file.
  it('never hands out an excluded image, whatever the strategy, and does again once it is back', async () => {
    const strategies = [...strategyNames()];
    const take = (strategy: string) =>
      takeQueueItems(app, {
        datasetId: fixture.datasetId,
        strategy,
        userId: fixture.me,
        count: 12,
        seed: 'x',
      });
    const release = () =>
      app.database.db.delete(queueLeases).where(sql`${queueLeases.userId} = ${fixture.me}`);
    const picked = new Map<string, string[]>();
    for (const strategy of strategies) {
      picked.set(
        strategy,
        (await take(strategy)).map((item) => item.imageId),
      );
      await release();
    }
    // Every image some strategy picked first is excluded now.
    const excluded = [...new Set([...picked.values()].flat())];
    expect(excluded.length).toBeGreaterThan(12);
    for (let start = 0; start < excluded.length; start += 500)
      await setImagesExcluded(app, {
        imageIds: excluded.slice(start, start + 500),
        excluded: true,
        reason: 'not diagnostic',
        authorId: fixture.me,
      });
    for (const strategy of strategies) {
      const items = (await take(strategy)).map((item) => item.imageId);
      expect(items.length, strategy).toBe(12);
      expect(
        items.filter((imageId) => excluded.includes(imageId)),
        strategy,
      ).toEqual([]);
      await release();
    }
    await setImagesExcluded(app, {
      imageIds: picked.get('MARGIN')!,
      excluded: false,
      authorId: fixture.me,
    });
    expect((await take('MARGIN')).map((item) => item.imageId)).toEqual(picked.get('MARGIN'));
    await release();
  });
});
