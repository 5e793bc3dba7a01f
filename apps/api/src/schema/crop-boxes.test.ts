import { cropBoxes, images } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gid, graphqlClient, recordJobs, refusalCheck, tokenFor } from '../../test/curation-fixtures';
import { csv, makePng, writeFiles } from '../../test/image-fixtures';
import { createTestApp, type TestApp } from '../../test/test-app';
import { importFolder } from '../operations/import-folder';
import { type RunningServer, startServer } from '../server';

const SET = `mutation($boxes: [ImageCropBoxInput!]!) {
  setCropBoxes(boxes: $boxes) { id sourceFileName cropBox { x y width height scope } }
}`;

describe.each(testDatabaseTargets())('setting many crop boxes at once on $name', (target) => {
  let app: TestApp;
  let server: RunningServer;
  let curator: string;
  let reader: string;
  /** Global image ids by file name; `other.png` is in another dataset. */
  const ids: Record<string, string> = {};
  const enqueued: string[] = [];
  const gql = graphqlClient(() => server);
  const expectRefused = refusalCheck(() => app.database, enqueued);

  const boxesNow = async () =>
    (
      await app.database.db
        .select({ file: images.sourceFileName, x: cropBoxes.x, y: cropBoxes.y, w: cropBoxes.width })
        .from(cropBoxes)
        .innerJoin(images, eq(images.id, cropBoxes.imageId))
        .orderBy(asc(images.sourceFileName))
    ).map((row) => `${row.file}:${row.x},${row.y},${row.w}`);

  beforeAll(async () => {
    app = await createTestApp(target);
    recordJobs(app, enqueued);
    for (const [name, files] of [
      ['crops', ['a.png', 'b.png', 'c.png']],
      ['elsewhere', ['other.png']],
    ] as const) {
      const folder = `${app.tempDir}/${name}`;
      const content: Record<string, Buffer | string> = {};
      for (const [index, file] of files.entries()) content[file] = await makePng(name.length * 10 + index);
      content['manifest.csv'] = csv(
        ['file', 'study'],
        files.map((file, index) => [file, `s${index % 2}`]),
      );
      await writeFiles(folder, content);
      await importFolder(app, { folder, manifestPath: `${folder}/manifest.csv`, datasetName: name });
    }
    for (const row of await app.database.db.select().from(images))
      ids[row.sourceFileName] = gid('Image', row.id);
    curator = (await tokenFor(app.database.db, 'ANNOTATOR')).token;
    reader = (await tokenFor(app.database.db, 'READER')).token;
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it('sets, replaces and clears boxes in one call, returns the images in the order given, and asks for one retrain', async () => {
    enqueued.length = 0;
    const first = await gql(
      SET,
      {
        boxes: [
          { imageId: ids['c.png'], box: { x: 1, y: 2, width: 10, height: 8 } },
          { imageId: ids['a.png'], box: { x: 0, y: 0, width: 32, height: 24 } },
        ],
      },
      curator,
    );
    expect(first.errors).toBeUndefined();
    expect(first.data.setCropBoxes).toEqual([
      {
        id: ids['c.png'],
        sourceFileName: 'c.png',
        cropBox: { x: 1, y: 2, width: 10, height: 8, scope: 'IMAGE' },
      },
      {
        id: ids['a.png'],
        sourceFileName: 'a.png',
        cropBox: { x: 0, y: 0, width: 32, height: 24, scope: 'IMAGE' },
      },
    ]);
    expect(enqueued).toEqual(['retrain:crop boxes changed']);
    expect(await boxesNow()).toEqual(['a.png:0,0,32', 'c.png:1,2,10']);

    enqueued.length = 0;
    const second = await gql(
      SET,
      {
        boxes: [
          { imageId: ids['a.png'], box: null },
          { imageId: ids['b.png'], box: { x: 3, y: 3, width: 4, height: 4 } },
          { imageId: ids['c.png'], box: { x: 5, y: 6, width: 7, height: 8 } },
        ],
      },
      curator,
    );
    expect(second.errors).toBeUndefined();
    expect(second.data.setCropBoxes.map((image: { cropBox: unknown }) => image.cropBox)).toEqual([
      null,
      { x: 3, y: 3, width: 4, height: 4, scope: 'IMAGE' },
      { x: 5, y: 6, width: 7, height: 8, scope: 'IMAGE' },
    ]);
    expect(enqueued).toEqual(['retrain:crop boxes changed']);
    expect(await boxesNow()).toEqual(['b.png:3,3,4', 'c.png:5,6,7']);
  });

  it('refuses the whole call when one entry is wrong, and changes nothing', async () => {
    const set =
      (boxes: object[], token: string | null = curator) =>
      () =>
        gql(SET, { boxes }, token);
    const fits = { x: 0, y: 0, width: 8, height: 8 };
    const tooWide = await expectRefused(
      'BAD_INPUT',
      set([
        { imageId: ids['a.png'], box: fits },
        { imageId: ids['b.png'], box: { x: 30, y: 0, width: 8, height: 8 } },
      ]),
      'a box that does not fit',
    );
    expect(tooWide.errors?.[0]?.message).toMatch(/b\.png \(32 × 24\)/);
    await expectRefused('BAD_INPUT', set([]), 'no image');
    await expectRefused(
      'BAD_INPUT',
      set(Array.from({ length: 501 }, () => ({ imageId: ids['a.png'], box: fits }))),
      '501 entries',
    );
    await expectRefused(
      'BAD_INPUT',
      set([
        { imageId: ids['a.png'], box: fits },
        { imageId: ids['a.png'], box: null },
      ]),
      'an image twice',
    );
    await expectRefused(
      'BAD_INPUT',
      set([
        { imageId: ids['a.png'], box: fits },
        { imageId: ids['other.png'], box: fits },
      ]),
      'two datasets',
    );
    await expectRefused(
      'NOT_FOUND',
      set([
        { imageId: ids['a.png'], box: fits },
        { imageId: gid('Image', '00000000-0000-4000-8000-000000000000'), box: fits },
      ]),
      'an unknown image',
    );
    await expectRefused(
      'BAD_INPUT',
      set([{ imageId: gid('Study', '00000000-0000-4000-8000-000000000000') }]),
      'a study id',
    );
    // GraphQL itself refuses a value that is not an Int, before any resolver runs.
    await expectRefused(
      'BAD_USER_INPUT',
      set([{ imageId: ids['a.png'], box: { x: 0.5, y: 0, width: 8, height: 8 } }]),
      'a fractional box',
    );
    await expectRefused(
      'BAD_INPUT',
      set([{ imageId: ids['a.png'], box: { x: -1, y: 0, width: 8, height: 8 } }]),
      'a negative box',
    );
    await expectRefused('FORBIDDEN', set([{ imageId: ids['a.png'], box: fits }], reader), 'a READER');
    await expectRefused('UNAUTHENTICATED', set([{ imageId: ids['a.png'], box: fits }], null), 'no token');
  });
});
