import { categories, studies } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  gid,
  graphqlClient,
  recordJobs,
  refusalCheck,
  seedDataset,
  seedModelVersion,
  tokenFor,
} from '../../test/curation-fixtures';
import { createTestApp, type TestApp } from '../../test/test-app';
import { type RunningServer, startServer } from '../server';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/**
 * Every labelling, curation, crop and queue mutation refuses bad input with a code a client can switch on,
 * and leaves every row of the domain as it was (and asks for no training run).
 */
describe.each(testDatabaseTargets())('refused mutations change nothing on $name', (target) => {
  let app: TestApp;
  let server: RunningServer;
  let annotator: string;
  let reader: string;
  let fixture: Awaited<ReturnType<typeof seedDataset>>;
  let other: Awaited<ReturnType<typeof seedDataset>>;
  let studyId: string;
  const enqueued: string[] = [];
  const gql = graphqlClient(() => server);
  const image = (index: number) => gid('Image', fixture.imageIds[index]!);
  const category = (name: string) => gid('Category', fixture.categoryIds[name]!);

  const refused = refusalCheck(() => app.database, enqueued);
  const expectRefused = (
    code: string,
    query: string,
    variables: object = {},
    token: string | null = annotator,
  ) => refused(code, () => gql(query, variables, token), `${query} ${JSON.stringify(variables)}`);

  beforeAll(async () => {
    app = await createTestApp(target);
    recordJobs(app, enqueued);
    const { db } = app.database;
    const user = await tokenFor(db, 'ANNOTATOR');
    annotator = user.token;
    reader = (await tokenFor(db, 'READER')).token;
    fixture = await seedDataset(db, {
      name: 'refusals',
      categories: ['liver', 'kidney', 'old', 'hepar'],
      authorId: user.userId,
      images: [{ label: { category: 'liver', source: 'IMPORT' } }, {}, {}],
    });
    other = await seedDataset(db, {
      name: 'elsewhere',
      categories: ['spleen'],
      authorId: user.userId,
      images: [{}],
    });
    await db.update(categories).set({ archivedAt: new Date() }).where(eq(categories.name, 'old'));
    await db
      .update(categories)
      .set({ mergedIntoId: fixture.categoryIds.liver })
      .where(eq(categories.name, 'hepar'));
    await seedModelVersion(db, fixture.datasetId, 1);
    const [study] = await db.select().from(studies).where(eq(studies.datasetId, fixture.datasetId));
    studyId = gid('Study', study!.id);
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it('labelImage and undoLabel', async () => {
    const label = 'mutation($i: ID!, $c: ID) { labelImage(imageId: $i, categoryId: $c) { id } }';
    await expectRefused('NOT_FOUND', label, { i: gid('Image', UNKNOWN), c: category('liver') });
    await expectRefused('BAD_INPUT', label, { i: 'not-an-id', c: category('liver') });
    await expectRefused('BAD_INPUT', label, { i: category('liver'), c: category('liver') });
    await expectRefused('BAD_INPUT', label, { i: image(1), c: gid('Category', UNKNOWN) });
    await expectRefused('BAD_INPUT', label, { i: image(1), c: category('old') });
    await expectRefused('BAD_INPUT', label, { i: image(1), c: category('hepar') });
    await expectRefused('BAD_INPUT', label, { i: image(1), c: gid('Category', other.categoryIds.spleen!) });
    await expectRefused('FORBIDDEN', label, { i: image(1), c: category('liver') }, reader);
    await expectRefused('UNAUTHENTICATED', label, { i: image(1), c: category('liver') }, null);
    const undo = 'mutation($i: ID!) { undoLabel(imageId: $i) { id } }';
    await expectRefused('CONFLICT', undo, { i: image(1) });
    await expectRefused('NOT_FOUND', undo, { i: gid('Image', UNKNOWN) });
    await expectRefused('FORBIDDEN', undo, { i: image(0) }, reader);
  });

  it('createCategory, renameCategory and archiveCategory', async () => {
    const create = 'mutation($d: ID!, $n: String!) { createCategory(datasetId: $d, name: $n) { id } }';
    const dataset = gid('Dataset', fixture.datasetId);
    await expectRefused('BAD_INPUT', create, { d: dataset, n: '' });
    await expectRefused('BAD_INPUT', create, { d: dataset, n: '   ' });
    await expectRefused('BAD_INPUT', create, { d: dataset, n: 'x'.repeat(201) });
    await expectRefused('CONFLICT', create, { d: dataset, n: ' LIVER ' });
    await expectRefused('NOT_FOUND', create, { d: gid('Dataset', UNKNOWN), n: 'new' });
    await expectRefused('FORBIDDEN', create, { d: dataset, n: 'new' }, reader);
    const rename = 'mutation($c: ID!, $n: String!) { renameCategory(categoryId: $c, name: $n) { id } }';
    await expectRefused('BAD_INPUT', rename, { c: category('liver'), n: '' });
    await expectRefused('CONFLICT', rename, { c: category('liver'), n: 'Kidney' });
    await expectRefused('NOT_FOUND', rename, { c: gid('Category', UNKNOWN), n: 'new' });
    await expectRefused('FORBIDDEN', rename, { c: category('liver'), n: 'new' }, reader);
    const archive = 'mutation($c: ID!) { archiveCategory(categoryId: $c) { id } }';
    await expectRefused('NOT_FOUND', archive, { c: gid('Category', UNKNOWN) });
    await expectRefused('FORBIDDEN', archive, { c: category('kidney') }, reader);
  });

  it('mergeCategories', async () => {
    const merge =
      'mutation($s: ID!, $t: ID!) { mergeCategories(sourceId: $s, targetId: $t) { labelsMoved } }';
    await expectRefused('BAD_INPUT', merge, { s: category('liver'), t: category('liver') });
    await expectRefused('BAD_INPUT', merge, {
      s: category('kidney'),
      t: gid('Category', other.categoryIds.spleen!),
    });
    await expectRefused('NOT_FOUND', merge, { s: gid('Category', UNKNOWN), t: category('liver') });
    await expectRefused('NOT_FOUND', merge, { s: category('kidney'), t: gid('Category', UNKNOWN) });
    await expectRefused('FORBIDDEN', merge, { s: category('kidney'), t: category('liver') }, reader);
  });

  it('setCropBox and setStudyCropBox', async () => {
    const crop = 'mutation($i: ID!, $b: CropBoxInput) { setCropBox(imageId: $i, box: $b) { id } }';
    for (const box of [
      { x: 0, y: 0, width: 9, height: 8 }, // wider than the 8 × 8 image
      { x: 4, y: 4, width: 5, height: 4 },
      { x: -1, y: 0, width: 4, height: 4 },
      { x: 0, y: 0, width: 0, height: 4 }, // no area
    ])
      await expectRefused('BAD_INPUT', crop, { i: image(1), b: box });
    await expectRefused('NOT_FOUND', crop, {
      i: gid('Image', UNKNOWN),
      b: { x: 0, y: 0, width: 4, height: 4 },
    });
    await expectRefused('FORBIDDEN', crop, { i: image(1), b: { x: 0, y: 0, width: 4, height: 4 } }, reader);
    const studyCrop = 'mutation($s: ID!, $b: CropBoxInput) { setStudyCropBox(studyId: $s, box: $b) { id } }';
    await expectRefused('BAD_INPUT', studyCrop, { s: studyId, b: { x: 2, y: 2, width: 8, height: 2 } });
    await expectRefused('NOT_FOUND', studyCrop, {
      s: gid('Study', UNKNOWN),
      b: { x: 0, y: 0, width: 4, height: 4 },
    });
    await expectRefused(
      'FORBIDDEN',
      studyCrop,
      { s: studyId, b: { x: 0, y: 0, width: 4, height: 4 } },
      reader,
    );
  });

  it('takeQueueItems, releaseQueueItem and requestRetrain', async () => {
    const take =
      'mutation($d: ID!, $s: String!, $n: Int) { takeQueueItems(datasetId: $d, strategy: $s, count: $n) { reason } }';
    const dataset = gid('Dataset', fixture.datasetId);
    await expectRefused('BAD_INPUT', take, { d: dataset, s: 'SMART', n: 2 });
    await expectRefused('BAD_INPUT', take, { d: dataset, s: 'MARGIN', n: 0 });
    await expectRefused('BAD_INPUT', take, { d: dataset, s: 'MARGIN', n: 101 });
    await expectRefused('FORBIDDEN', take, { d: dataset, s: 'MARGIN', n: 2 }, reader);
    await expectRefused('NOT_FOUND', take, { d: gid('Dataset', UNKNOWN), s: 'MARGIN', n: 2 });
    const release = 'mutation($i: ID!) { releaseQueueItem(imageId: $i) }';
    await expectRefused('BAD_INPUT', release, { i: 'nonsense' });
    await expectRefused('FORBIDDEN', release, { i: image(1) }, reader);
    const retrain = 'mutation($d: ID!) { requestRetrain(datasetId: $d) }';
    await expectRefused('FORBIDDEN', retrain, { d: dataset });
    const scientist = (await tokenFor(app.database.db, 'DATA_SCIENTIST')).token;
    await expectRefused('NOT_FOUND', retrain, { d: gid('Dataset', UNKNOWN) }, scientist);
  });
});
