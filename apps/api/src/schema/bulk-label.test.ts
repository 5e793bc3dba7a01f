import { categories, labels } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  gid,
  graphqlClient,
  recordJobs,
  refusalCheck,
  seedDataset,
  tokenFor,
} from '../../test/curation-fixtures';
import { createTestApp, type TestApp } from '../../test/test-app';
import { type RunningServer, startServer } from '../server';

const BULK = `mutation($ids: [ID!]!, $c: ID) { bulkLabel(imageIds: $ids, categoryId: $c) {
  id currentLabel { source category { name } } } }`;

describe.each(testDatabaseTargets())('labelling images in bulk on $name', (target) => {
  let app: TestApp;
  let server: RunningServer;
  let annotator: string;
  let reader: string;
  let fixture: Awaited<ReturnType<typeof seedDataset>>;
  let other: Awaited<ReturnType<typeof seedDataset>>;
  const enqueued: string[] = [];
  const gql = graphqlClient(() => server);
  const image = (index: number) => gid('Image', fixture.imageIds[index]!);
  const category = (name: string) => gid('Category', fixture.categoryIds[name]!);

  const expectRefused = refusalCheck(() => app.database, enqueued);

  beforeAll(async () => {
    app = await createTestApp(target);
    recordJobs(app, enqueued);
    const { db } = app.database;
    const user = await tokenFor(db, 'ANNOTATOR');
    annotator = user.token;
    reader = (await tokenFor(db, 'READER')).token;
    fixture = await seedDataset(db, {
      name: 'bulk',
      categories: ['liver', 'kidney', 'old', 'hepar'],
      authorId: user.userId,
      images: [{}, {}, { label: { category: 'kidney', source: 'IMPORT' } }, {}],
    });
    await db.update(categories).set({ archivedAt: new Date() }).where(eq(categories.name, 'old'));
    await db
      .update(categories)
      .set({ mergedIntoId: fixture.categoryIds.liver! })
      .where(eq(categories.id, fixture.categoryIds.hepar!));
    other = await seedDataset(db, {
      name: 'elsewhere',
      categories: ['liver'],
      authorId: user.userId,
      images: [{}],
    });
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it('labels several images in one go, once each, and asks for one retrain', async () => {
    enqueued.length = 0;
    const result = await gql(BULK, { ids: [image(0), image(2), image(0)], c: category('liver') }, annotator);
    expect(result.data.bulkLabel).toEqual([
      { id: image(0), currentLabel: { source: 'ANNOTATOR', category: { name: 'liver' } } },
      { id: image(2), currentLabel: { source: 'ANNOTATOR', category: { name: 'liver' } } },
    ]);
    expect(enqueued).toEqual(['retrain:labels changed']);
    const history = await app.database.db
      .select()
      .from(labels)
      .where(eq(labels.imageId, fixture.imageIds[2]!));
    expect(history.map((label) => label.source).sort()).toEqual(['ANNOTATOR', 'IMPORT']);
    const cleared = await gql(BULK, { ids: [image(0)], c: null }, annotator);
    expect(cleared.data.bulkLabel).toEqual([
      { id: image(0), currentLabel: { source: 'ANNOTATOR', category: null } },
    ]);
  });

  it('refuses bad requests as a whole, writing nothing', async () => {
    const bulk = (variables: object, token: string | null = annotator) =>
      gql(BULK, { ids: [image(1), image(3)], c: category('kidney'), ...variables }, token);
    const unknownImage = gid('Image', fixture.datasetId);
    await expectRefused('BAD_INPUT', () => bulk({ ids: [] }));
    await expectRefused('BAD_INPUT', () =>
      bulk({
        ids: Array.from({ length: 501 }, (_, index) =>
          gid('Image', `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`),
        ),
      }),
    );
    await expectRefused('NOT_FOUND', () => bulk({ ids: [image(1), unknownImage] }));
    await expectRefused('BAD_INPUT', () => bulk({ ids: [image(1), gid('Image', other.imageIds[0]!)] }));
    await expectRefused('BAD_INPUT', () => bulk({ ids: [image(1), category('liver')] }));
    await expectRefused('BAD_INPUT', () => bulk({ c: category('old') }));
    await expectRefused('BAD_INPUT', () => bulk({ c: category('hepar') }));
    await expectRefused('BAD_INPUT', () => bulk({ c: gid('Category', other.categoryIds.liver!) }));
    await expectRefused('BAD_INPUT', () => bulk({ c: gid('Category', fixture.imageIds[0]!) }));
    await expectRefused('FORBIDDEN', () => bulk({}, reader));
    await expectRefused('UNAUTHENTICATED', () => bulk({}, null));
  });
});
