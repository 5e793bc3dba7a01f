import { categoryAliases, images, users } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordJobs } from '../../test/curation-fixtures';
import { csv, makePng, writeFiles } from '../../test/image-fixtures';
import { createTestApp, type TestApp } from '../../test/test-app';
import { createApiToken, ensureAdminUser } from '../auth/api-tokens';
import { importFolder } from '../operations/import-folder';
import { type RunningServer, startServer } from '../server';

const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64url');

describe.each(testDatabaseTargets())('curating categories and crop boxes on $name', (target) => {
  let app: TestApp;
  let server: RunningServer;
  let admin: string;
  let reader: string;
  let datasetId: string;
  const enqueued: string[] = [];

  const gql = async (query: string, variables: object = {}, token = admin) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as {
      data?: any;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
  };
  const categoriesNow = async () =>
    (await gql('query($id: ID!) { dataset(id: $id) { categories { id name } } }', { id: datasetId })).data
      .dataset.categories as { id: string; name: string }[];
  const idOfName = async (name: string) =>
    (await categoriesNow()).find((category) => category.name === name)!.id;

  beforeAll(async () => {
    app = await createTestApp(target);
    recordJobs(app, enqueued);
    const folder = `${app.tempDir}/curation`;
    await writeFiles(folder, {
      'a.png': await makePng(1),
      'b.png': await makePng(2),
      'c.png': await makePng(3),
      'manifest.csv': csv(
        ['file', 'study', 'annotation', 'label'],
        [
          ['a.png', 's1', 'LIVER', 'liver'],
          ['b.png', 's1', 'LIV', 'hepar'],
          ['c.png', 's2', 'SPLEEN', 'spleen'],
        ],
      ),
    });
    const report = await importFolder(app, {
      folder,
      manifestPath: `${folder}/manifest.csv`,
      datasetName: 'curation',
    });
    datasetId = gid('Dataset', report.datasetId);
    admin = (
      await createApiToken(app.database.db, { userId: await ensureAdminUser(app.database.db), name: 't' })
    ).token;
    const [readerUser] = await app.database.db
      .insert(users)
      .values({ email: 'r@example.org', name: 'R', role: 'READER' })
      .returning();
    reader = (await createApiToken(app.database.db, { userId: readerUser!.id, name: 't' })).token;
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it('creates and renames categories, refusing duplicate names whatever their case', async () => {
    const created = await gql(
      'mutation($d: ID!) { createCategory(datasetId: $d, name: "Gallbladder") { id name } }',
      { d: datasetId },
    );
    expect(created.data.createCategory.name).toBe('Gallbladder');
    const duplicate = await gql('mutation($d: ID!) { createCategory(datasetId: $d, name: "LIVER") { id } }', {
      d: datasetId,
    });
    expect(duplicate.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const clash = await gql('mutation($c: ID!) { renameCategory(categoryId: $c, name: "spleen") { id } }', {
      c: created.data.createCategory.id,
    });
    expect(clash.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const renamed = await gql(
      'mutation($c: ID!) { renameCategory(categoryId: $c, name: "gall bladder") { name } }',
      { c: created.data.createCategory.id },
    );
    expect(renamed.data.renameCategory.name).toBe('gall bladder');
    const forbidden = await gql(
      'mutation($d: ID!) { createCategory(datasetId: $d, name: "x") { id } }',
      { d: datasetId },
      reader,
    );
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('merges a category: labels and alias rules move, history keeps the old labels, a retrain is asked for', async () => {
    const hepar = await idOfName('hepar');
    const liver = await idOfName('liver');
    const [rawHepar] = await app.database.db.select().from(images).where(eq(images.sourceFileName, 'b.png'));
    await app.database.db.insert(categoryAliases).values({
      datasetId: rawHepar!.datasetId,
      categoryId: Buffer.from(hepar, 'base64url').toString().split(':')[1]!,
      pattern: 'LIV',
      match: 'EXACT',
    });
    const preview = await gql(
      'query($s: ID!, $t: ID!) { previewMerge(sourceId: $s, targetId: $t) { labelsMoving aliasesMoving } }',
      { s: hepar, t: liver },
    );
    expect(preview.data.previewMerge).toEqual({ labelsMoving: 1, aliasesMoving: 1 });
    enqueued.length = 0;
    const merged = await gql(
      'mutation($s: ID!, $t: ID!) { mergeCategories(sourceId: $s, targetId: $t) { labelsMoved target { name } } }',
      { s: hepar, t: liver },
    );
    expect(merged.data.mergeCategories).toEqual({ labelsMoved: 1, target: { name: 'liver' } });
    expect(enqueued).toEqual(['retrain:categories merged']);
    const image = await gql(
      'query($i: ID!) { image(id: $i) { currentLabel { source category { name } } labelHistory { source category { name } } } }',
      { i: gid('Image', rawHepar!.id) },
    );
    expect(image.data.image.currentLabel).toEqual({ source: 'MERGE', category: { name: 'liver' } });
    expect(
      image.data.image.labelHistory.map((event: any) => `${event.source}:${event.category.name}`),
    ).toEqual(['MERGE:liver', 'IMPORT:hepar']);
    expect((await categoriesNow()).map((category) => category.name)).not.toContain('hepar');
    const [alias] = await app.database.db
      .select()
      .from(categoryAliases)
      .where(eq(categoryAliases.pattern, 'LIV'));
    expect(gid('Category', alias!.categoryId)).toBe(liver);
    const again = await gql(
      'mutation($s: ID!, $t: ID!) { mergeCategories(sourceId: $s, targetId: $t) { labelsMoved } }',
      { s: hepar, t: liver },
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('sets, refuses and clears crop boxes for an image and a study', async () => {
    const [row] = await app.database.db.select().from(images).where(eq(images.sourceFileName, 'a.png'));
    const imageId = gid('Image', row!.id);
    const outside = await gql(
      'mutation($i: ID!) { setCropBox(imageId: $i, box: { x: 0, y: 0, width: 9999, height: 5 }) { id } }',
      { i: imageId },
    );
    expect(outside.errors?.[0]?.extensions?.code).toBe('BAD_INPUT');
    const negative = await gql(
      'mutation($i: ID!) { setCropBox(imageId: $i, box: { x: -1, y: 0, width: 5, height: 5 }) { id } }',
      { i: imageId },
    );
    expect(negative.errors?.[0]?.extensions?.code).toBe('BAD_INPUT');
    enqueued.length = 0;
    const set = await gql(
      'mutation($i: ID!) { setCropBox(imageId: $i, box: { x: 2, y: 3, width: 10, height: 12 }) { cropBox { x y width height scope } } }',
      { i: imageId },
    );
    expect(set.data.setCropBox.cropBox).toEqual({ x: 2, y: 3, width: 10, height: 12, scope: 'IMAGE' });
    expect(enqueued).toEqual(['retrain:crop box changed']);
    const studyId = gid('Study', row!.studyId);
    await gql(
      'mutation($s: ID!) { setStudyCropBox(studyId: $s, box: { x: 1, y: 1, width: 8, height: 8 }) { id } }',
      { s: studyId },
    );
    const cleared = await gql(
      'mutation($i: ID!) { setCropBox(imageId: $i, box: null) { cropBox { x scope } } }',
      { i: imageId },
    );
    expect(cleared.data.setCropBox.cropBox).toEqual({ x: 1, scope: 'STUDY' });
  });
});
