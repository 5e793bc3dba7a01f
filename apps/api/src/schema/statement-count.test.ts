import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { categories, cropBoxes, images, labels, modelVersions, predictions, studies, users } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { generateDataset, writeDataset } from '@loupe/ml/synthetic';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedModelVersion } from '../../test/curation-fixtures';
import { createTestApp, type TestApp } from '../../test/test-app';
import { createApiToken, ensureAdminUser } from '../auth/api-tokens';
import { setImagesExcluded } from '../operations/exclude-images';
import { importFolder } from '../operations/import-folder';
import { type RunningServer, startServer } from '../server';

const PAGE = `query($id: ID!, $first: Int!) { study(id: $id) { images(first: $first) { edges { node {
  id sourceFileName annotation { id text createdAt } thumbnailUrl
  study { key dataset { name } }
  currentLabel { source category { name } }
  labelHistory { source createdAt category { name } by { id name } }
  cropBox { x y width height scope }
  exclusion { reason author excludedAt by { id name } } exclusionHistory { excluded reason by { id name } }
  prediction { margin entropy labelDisagreement top1 { category { name } probability } top2 { category { name } probability } modelVersion { version } }
} } } } }`;

/** A filtered, sorted page of a dataset's images ($id is the study) with the same fields. */
const FILTERED_PAGE = `query($dataset: ID!, $id: ID!, $first: Int!) { dataset(id: $dataset) { images(first: $first,
  filter: { studyIds: [$id], labelled: true, confidence: { min: 0.5 }, margin: { max: 0.5 }, annotationContains: "" },
  orderBy: { field: MARGIN, direction: DESC }) { totalCount edges { node {
  id sourceFileName annotation { id text createdAt } thumbnailUrl
  study { key dataset { name } }
  currentLabel { source category { name } }
  cropBox { x y width height scope }
  exclusion { reason author excludedAt by { id name } } exclusionHistory { excluded reason by { id name } }
  prediction { margin entropy labelDisagreement top1 { category { name } probability } top2 { category { name } probability } modelVersion { version } }
} } } } }`;

describe.each(testDatabaseTargets())('statements per page on $name (no N+1)', (target) => {
  let app: TestApp;
  let server: RunningServer;
  let token: string;
  let studyId: string;
  let datasetId: string;
  let datasetRowId: string;
  const statements: string[] = [];
  let lastBody = '';

  beforeAll(async () => {
    app = await createTestApp(target, {}, { onQuery: (sql) => statements.push(sql) });
    const folder = await mkdtemp(join(tmpdir(), 'loupe-n1-'));
    const plan = generateDataset({
      seed: 9,
      studies: 1,
      imagesPerStudy: 120,
      categories: ['liver', 'spleen', 'aorta'],
    });
    const { manifestPath } = await writeDataset(folder, plan);
    const report = await importFolder(app, { folder, manifestPath, datasetName: 'n1' });
    const { db } = app.database;
    const [study] = await db.select().from(studies).where(eq(studies.datasetId, report.datasetId));
    studyId = Buffer.from(`Study:${study!.id}`).toString('base64url');
    datasetId = Buffer.from(`Dataset:${report.datasetId}`).toString('base64url');
    datasetRowId = report.datasetId;
    const rows = await db.select().from(images).where(eq(images.studyId, study!.id));
    await db.delete(cropBoxes).where(eq(cropBoxes.imageId, rows[0]!.id));
    await db.insert(cropBoxes).values({ studyId: study!.id, x: 1, y: 1, width: 100, height: 100 });
    const version = await seedModelVersion(db, report.datasetId, 1);
    await db.insert(predictions).values(
      rows.map((row) => ({
        modelVersionId: version.id,
        imageId: row.id,
        probabilities: [0.6, 0.4],
        top1Probability: 0.6,
        top2Probability: 0.4,
        margin: 0.2,
        entropy: 0.67,
      })),
    );
    const adminId = await ensureAdminUser(app.database.db);
    // Every other image relabelled by one of two annotators, so the page reads who labelled too.
    const annotatorIds = (
      await db
        .insert(users)
        .values(
          ['a', 'b'].map((name) => ({ email: `${name}@example.org`, name, role: 'ANNOTATOR' as const })),
        )
        .returning()
    ).map((user) => user.id);
    const [category] = await db.select().from(categories).where(eq(categories.datasetId, report.datasetId));
    await db.insert(labels).values(
      rows
        .filter((_, index) => index % 2 === 0)
        .map((row, index) => ({
          imageId: row.id,
          categoryId: category!.id,
          source: 'ANNOTATOR' as const,
          authorId: annotatorIds[index % 2]!,
        })),
    );
    // Every third image excluded, so the page reads exclusions too.
    await setImagesExcluded(app, {
      imageIds: rows.filter((_, index) => index % 3 === 0).map((row) => row.id),
      excluded: true,
      reason: 'duplicate',
      authorId: adminId,
    });
    token = (await createApiToken(app.database.db, { userId: adminId, name: 'test' })).token;
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  const post = async (query: string, variables: object) => {
    statements.length = 0;
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, unknown[]>; errors?: unknown };
  };

  const countFor = async (first: number, query = PAGE) => {
    statements.length = 0;
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables: { id: studyId, dataset: datasetId, first } }),
    });
    const body = (await response.json()) as {
      data?: { study?: { images: { edges: unknown[] } }; dataset?: { images: { edges: unknown[] } } };
      errors?: unknown;
    };
    expect(body.errors).toBeUndefined();
    expect((body.data?.study ?? body.data?.dataset)?.images.edges).toHaveLength(first);
    lastBody = JSON.stringify(body.data);
    return statements.length;
  };

  it('runs the same small number of statements for 10 and for 100 images', async () => {
    const ten = await countFor(10);
    const hundred = await countFor(100);
    expect(hundred).toBe(ten);
    expect(hundred).toBeLessThanOrEqual(15);
    // The admin sees who labelled and who excluded (both annotators and themselves), read with the events:
    // asking for them costs no statement.
    for (const name of ['a', 'b', 'Administrator']) expect(lastBody).toContain(`"name":"${name}"`);
    expect(await countFor(10, PAGE.replaceAll(' by { id name }', ''))).toBe(hundred);
  });

  it('runs the same statements for a filtered, sorted page of 10 and of 100 dataset images', async () => {
    const ten = await countFor(10, FILTERED_PAGE);
    const hundred = await countFor(100, FILTERED_PAGE);
    expect(hundred).toBe(ten);
    expect(hundred).toBeLessThanOrEqual(15);
  });

  it('counts the filtered dataset images only when the query selects totalCount', async () => {
    const counted = await countFor(10, FILTERED_PAGE);
    const countStatements = statements.filter((statement) => /count\(\*\)/i.test(statement));
    expect(countStatements).toHaveLength(1);
    const uncounted = await countFor(10, FILTERED_PAGE.replace('totalCount ', ''));
    expect(statements.filter((statement) => /count\(\*\)/i.test(statement))).toEqual([]);
    expect(uncounted).toBe(counted - 1);
  });

  it('hands out 5 or 40 queue items with the same few statements, images and categories included', async () => {
    const QUEUE = `mutation($dataset: ID!, $count: Int!) { takeQueueItems(datasetId: $dataset, strategy: "MARGIN", count: $count) {
      image { id sourceFileName thumbnailUrl width height } reason score margin
      top1 { category { name } probability } top2 { category { name } probability } } }`;
    // A newer version that predicts the dataset's categories, and half the images cleared of their labels.
    const { db } = app.database;
    const version = await seedModelVersion(db, datasetRowId, 2);
    const categoryIds = (
      await db.select().from(categories).where(eq(categories.datasetId, datasetRowId))
    ).map((category) => category.id);
    await db.update(modelVersions).set({ categoryIds }).where(eq(modelVersions.id, version.id));
    const rows = await db.select().from(images).where(eq(images.datasetId, datasetRowId));
    await db.insert(predictions).values(
      rows.map((row, index) => ({
        modelVersionId: version.id,
        imageId: row.id,
        top1CategoryId: categoryIds[index % categoryIds.length],
        top2CategoryId: categoryIds[(index + 1) % categoryIds.length],
        probabilities: [0.6, 0.4],
        top1Probability: 0.6,
        top2Probability: 0.4,
        margin: (index % 17) / 17,
        entropy: 0.67,
      })),
    );
    await db
      .insert(labels)
      .values(
        rows.slice(0, 60).map((row) => ({ imageId: row.id, categoryId: null, source: 'IMPORT' as const })),
      );
    const few = await post(QUEUE, { dataset: datasetId, count: 5 });
    expect(few.errors).toBeUndefined();
    expect(few.data?.takeQueueItems).toHaveLength(5);
    const fewStatements = statements.length;
    const many = await post(QUEUE, { dataset: datasetId, count: 40 });
    expect(many.errors).toBeUndefined();
    expect(many.data?.takeQueueItems).toHaveLength(40);
    expect(JSON.stringify(many.data)).toContain('"category":{"name":');
    expect(statements.length).toBe(fewStatements);
    // The viewer, the newest version with its categories, the candidates with their images, the lease with its
    // change notice: nothing per item.
    expect(statements.length).toBe(4);
  });
});
