import { categories, datasets, images, labels, modelVersions, predictions, studies } from '@loupe/db';
import { stubModelVersion, testDatabaseTargets } from '@loupe/db/testing';
import { assignSplit } from '@loupe/ml';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainSnapshot, type GqlResult, gid, graphqlClient, tokenFor } from '../../test/curation-fixtures';
import { createTestApp, type TestApp } from '../../test/test-app';
import { type RunningServer, startServer } from '../server';

const COMPARE = `query($a: ID!, $b: ID!, $first: Int, $after: String) {
  compareModelVersions(first: $a, second: $b) {
    first { version } second { version }
    imageCount studyCount otherCategoryImageCount unpredictedImageCount
    firstAccuracy { successes total estimate wilson { lower upper } clusterBootstrap { lower upper } }
    secondAccuracy { successes total estimate }
    firstTop2Accuracy { successes total }
    secondTop2Accuracy { successes total }
    bothCorrect onlyFirstCorrect onlySecondCorrect neitherCorrect mcnemarPValue kappa
    discordantImages(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { image { id } label { name } firstGuess { name } secondGuess { name } correct } }
    }
  }
}`;

/** Two-sided exact McNemar p-value from its definition: 2 · P(X ≤ min(b, c)), X ~ Binomial(b + c, 1/2), at most 1. */
function mcnemarByDefinition(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  let choose = 1;
  let tail = 0;
  for (let k = 0; k <= Math.min(b, c); k++) {
    if (k > 0) choose = (choose * (n - k + 1)) / k;
    tail += choose / 2 ** n;
  }
  return Math.min(1, 2 * tail);
}

type Planned = {
  id: string;
  studyKey: string;
  label: 'liver' | 'spleen' | 'kidney';
  /** Top-1 guesses of versions 1 and 2; null: that version has no prediction of the image. */
  v1: string | null;
  v2: string | null;
  excluded: boolean;
};

describe.each(testDatabaseTargets())('comparing two model versions on $name', (target) => {
  let app: TestApp;
  let server: RunningServer;
  let scientist: string;
  let annotator: string;
  let reader: string;
  let datasetId: string;
  const versionIds: Record<string, string> = {};
  const planned: Planned[] = [];
  const gql = graphqlClient(() => server);

  beforeAll(async () => {
    app = await createTestApp(target);
    const { db } = app.database;
    scientist = (await tokenFor(db, 'DATA_SCIENTIST')).token;
    const annotatorUser = await tokenFor(db, 'ANNOTATOR');
    annotator = annotatorUser.token;
    reader = (await tokenFor(db, 'READER')).token;
    const [dataset] = await db.insert(datasets).values({ name: 'comparison' }).returning();
    datasetId = dataset!.id;
    const categoryRows = await db
      .insert(categories)
      .values(['liver', 'spleen', 'kidney', 'hepar'].map((name, position) => ({ datasetId, name, position })))
      .returning();
    const category = Object.fromEntries(categoryRows.map((row) => [row.name, row.id])) as Record<
      string,
      string
    >;
    // "hepar" was merged into liver after version 1 was trained: version 1 outputs and guessed it.
    await db
      .update(categories)
      .set({ mergedIntoId: category.liver })
      .where(eq(categories.id, category.hepar!));

    const version = async (number: number, categoryNames: string[], split: object) => {
      const [row] = await db
        .insert(modelVersions)
        .values(
          stubModelVersion({
            datasetId,
            version: number,
            categoryIds: categoryNames.map((name) => category[name]!),
            split,
          }),
        )
        .returning();
      versionIds[number] = row!.id;
    };
    // Version 1 knew no kidney; version 3 split the studies with another seed.
    await version(1, ['hepar', 'spleen'], { unit: 'study' });
    await version(2, ['liver', 'spleen', 'kidney'], { unit: 'study' });
    await version(3, ['liver', 'spleen', 'kidney'], { seed: 'other', unit: 'study' });
    await version(4, ['liver', 'spleen', 'kidney'], { unit: 'study' });

    const names = ['liver', 'spleen', 'kidney'] as const;
    const wrong = (label: string) => (label === 'liver' ? 'spleen' : 'liver');
    for (let s = 0; s < 40; s++) {
      const [study] = await db
        .insert(studies)
        .values({ datasetId, key: `study-${s}` })
        .returning();
      for (let k = 0; k < 2; k++) {
        const n = s * 2 + k;
        const label = names[n % 3]!;
        // Version 1 is right on every second image, version 2 on every third (on the rest each guesses wrong),
        // and version 1 says "hepar" for liver where it is right on liver images of odd studies.
        const v1Right = n % 2 === 0;
        const v1 = v1Right ? (label === 'liver' && s % 2 === 1 ? 'hepar' : label) : wrong(label);
        const v2 = n % 3 === 0 ? label : wrong(label);
        planned.push({
          id: '',
          studyKey: study!.key,
          label,
          v1: n === 7 ? null : v1,
          v2,
          excluded: n === 10,
        });
        const [image] = await db
          .insert(images)
          .values({
            datasetId,
            studyId: study!.id,
            sha256: `${String(n).padStart(4, '0')}${'c'.repeat(60)}`,
            width: 8,
            height: 8,
            format: 'PNG',
            sourceFileName: `${n}.png`,
            excludedAt: n === 10 ? new Date() : null,
          })
          .returning();
        planned[n]!.id = image!.id;
        await db.insert(labels).values({
          imageId: image!.id,
          categoryId: category[label]!,
          source: 'ANNOTATOR',
          authorId: annotatorUser.userId,
        });
      }
    }
    const row = (versionId: string, imageId: string, top1: string) => ({
      modelVersionId: versionId,
      imageId,
      probabilities: [0.7, 0.3],
      top1CategoryId: category[top1]!,
      top1Probability: 0.7,
      top2CategoryId: category[top1 === 'spleen' ? 'liver' : 'spleen']!,
      top2Probability: 0.3,
      margin: 0.4,
      entropy: 0.6,
    });
    const rows = planned.flatMap((image) => [
      ...(image.v1 ? [row(versionIds[1]!, image.id, image.v1)] : []),
      row(versionIds[2]!, image.id, image.v2!),
      row(versionIds[3]!, image.id, image.label),
    ]);
    await db.insert(predictions).values(rows);
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  const compare = (a: number, b: number, token = scientist, extra: object = {}) =>
    gql(
      COMPARE,
      { a: gid('ModelVersion', versionIds[a]!), b: gid('ModelVersion', versionIds[b]!), ...extra },
      token,
    );

  it('judges both versions on the same test images against today’s labels', async () => {
    const inTest = planned.filter((image) => !image.excluded && assignSplit(image.studyKey) === 'TEST');
    const kidneys = inTest.filter((image) => image.label === 'kidney');
    const unpredicted = inTest.filter((image) => image.label !== 'kidney' && image.v1 === null);
    const compared = inTest.filter((image) => image.label !== 'kidney' && image.v1 !== null);
    expect(compared.length).toBeGreaterThan(10);
    expect(kidneys.length).toBeGreaterThan(0);
    const right1 = (image: Planned) => (image.v1 === 'hepar' ? 'liver' : image.v1) === image.label;
    const right2 = (image: Planned) => image.v2 === image.label;
    const count = (test: (image: Planned) => boolean) => compared.filter(test).length;
    const onlyFirst = count((image) => right1(image) && !right2(image));
    const onlySecond = count((image) => !right1(image) && right2(image));

    const result = await compare(1, 2);
    expect(result.errors).toBeUndefined();
    const comparison = result.data.compareModelVersions;
    expect(comparison).toMatchObject({
      first: { version: 1 },
      second: { version: 2 },
      imageCount: compared.length,
      studyCount: new Set(compared.map((image) => image.studyKey)).size,
      otherCategoryImageCount: kidneys.length,
      unpredictedImageCount: unpredicted.length,
      firstAccuracy: { successes: count(right1), total: compared.length },
      secondAccuracy: { successes: count(right2), total: compared.length },
      bothCorrect: count((image) => right1(image) && right2(image)),
      onlyFirstCorrect: onlyFirst,
      onlySecondCorrect: onlySecond,
      neitherCorrect: count((image) => !right1(image) && !right2(image)),
    });
    expect(comparison.firstAccuracy.estimate).toBeCloseTo(count(right1) / compared.length, 12);
    expect(comparison.firstAccuracy.wilson.lower).toBeLessThan(comparison.firstAccuracy.estimate);
    expect(comparison.firstAccuracy.clusterBootstrap.upper).toBeGreaterThanOrEqual(
      comparison.firstAccuracy.estimate,
    );
    expect(comparison.mcnemarPValue).toBeCloseTo(mcnemarByDefinition(onlyFirst, onlySecond), 12);
    // A "hepar" guess counts as liver, so version 1 is right on every second image it predicted.
    expect(count(right1)).toBe(compared.filter((image) => planned.indexOf(image) % 2 === 0).length);

    // The discordant images, page by page, in image-id order.
    const expected = compared
      .filter((image) => right1(image) !== right2(image))
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((image) => ({
        image: { id: gid('Image', image.id) },
        label: { name: image.label },
        firstGuess: { name: image.v1 === 'hepar' ? 'liver' : image.v1 },
        secondGuess: { name: image.v2 },
        correct: right1(image) ? 'FIRST' : 'SECOND',
      }));
    const seen: unknown[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const { data }: GqlResult = await compare(1, 2, scientist, { first: 3, after });
      const connection = data.compareModelVersions.discordantImages;
      expect(connection.totalCount).toBe(expected.length);
      seen.push(...connection.edges.map((edge: { node: unknown }) => edge.node));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('counts only images on the test side of both versions’ splits', async () => {
    const result = await compare(2, 3);
    expect(result.errors).toBeUndefined();
    const both = planned.filter(
      (image) =>
        !image.excluded &&
        assignSplit(image.studyKey) === 'TEST' &&
        assignSplit(image.studyKey, { seed: 'other' }) === 'TEST',
    );
    expect(result.data.compareModelVersions).toMatchObject({
      imageCount: both.length,
      otherCategoryImageCount: 0,
      unpredictedImageCount: 0,
      // Version 3 guessed every label.
      secondAccuracy: { successes: both.length, total: both.length },
      onlyFirstCorrect: 0,
    });
  });

  it('refuses what cannot be compared, with a typed error and no change', async () => {
    const before = await domainSnapshot(app.database);
    const codeOf = (result: GqlResult) => result.errors?.[0]?.extensions?.code;
    expect(codeOf(await compare(2, 2))).toBe('BAD_INPUT');
    // Version 4 has no stored predictions.
    const dropped = await compare(2, 4);
    expect(codeOf(dropped)).toBe('CONFLICT');
    expect(dropped.errors?.[0]?.message).toMatch(/version 4/);
    const [other] = await app.database.db.insert(datasets).values({ name: 'other' }).returning();
    const [foreign] = await app.database.db
      .insert(modelVersions)
      .values(stubModelVersion({ datasetId: other!.id, version: 1 }))
      .returning();
    const across = await gql(
      COMPARE,
      { a: gid('ModelVersion', versionIds[2]!), b: gid('ModelVersion', foreign!.id) },
      scientist,
    );
    expect(codeOf(across)).toBe('BAD_INPUT');
    const unknown = await gql(
      COMPARE,
      {
        a: gid('ModelVersion', versionIds[2]!),
        b: gid('ModelVersion', '00000000-0000-4000-8000-000000000000'),
      },
      scientist,
    );
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    const notAVersion = await gql(
      COMPARE,
      { a: gid('ModelVersion', versionIds[2]!), b: gid('Dataset', datasetId) },
      scientist,
    );
    expect(codeOf(notAVersion)).toBe('BAD_INPUT');
    expect(codeOf(await compare(1, 2, scientist, { after: 'not-a-cursor' }))).toBe('BAD_INPUT');
    expect(codeOf(await compare(1, 2, scientist, { first: 501 }))).toBe('BAD_INPUT');
    expect(codeOf(await compare(1, 2, reader))).toBe('FORBIDDEN');
    expect(
      codeOf(
        await gql(COMPARE, {
          a: gid('ModelVersion', versionIds[1]!),
          b: gid('ModelVersion', versionIds[2]!),
        }),
      ),
    ).toBe('UNAUTHENTICATED');
    await app.database.db.delete(modelVersions).where(eq(modelVersions.id, foreign!.id));
    await app.database.db.delete(datasets).where(eq(datasets.id, other!.id));
    expect(await domainSnapshot(app.database)).toBe(before);
  });

  it('is open to every role that reads', async () => {
    const result = await compare(1, 2, annotator);
    expect(result.errors).toBeUndefined();
    expect(result.data.compareModelVersions.imageCount).toBeGreaterThan(0);
  });
});
