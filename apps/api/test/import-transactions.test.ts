import { join } from 'node:path';
import { categoryAliases, images, sha256Hex, studies } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app-context';
import { makeDicom } from '../src/import/test-fixtures/make-dicom';
import { findOrCreateCategory } from '../src/operations/find-or-create-category';
import { findOrCreateDataset } from '../src/operations/find-or-create-dataset';
import { importFolder } from '../src/operations/import-folder';
import { countRows } from './database-snapshot';
import { csv, makePng, writeFiles } from './image-fixtures';
import { createTestApp, type TestApp } from './test-app';

/** The app with a blob store whose `put` throws where `shouldFail` says (given the bytes and the call number). */
function withFailingPut(app: TestApp, shouldFail: (bytes: Uint8Array, call: number) => boolean): AppContext {
  let calls = 0;
  const put = async (bytes: Uint8Array) => {
    calls += 1;
    if (shouldFail(bytes, calls)) throw new Error('disk full');
    return app.blobs.put(bytes);
  };
  return { ...app, blobs: { ...app.blobs, put } };
}

/** A trigger that fails the insert of any crop box 13 pixels wide: a failure in the middle of an image's transaction. */
const REFUSE_CROP_WIDTH_13 = `
  create function refuse_crop_width_13() returns trigger language plpgsql as $$
  begin
    if new.width = 13 then raise exception 'crop boxes 13 pixels wide are refused'; end if;
    return new;
  end $$;
  create trigger refuse_crop_width_13 before insert on crop_boxes for each row execute function refuse_crop_width_13();`;

describe.each(testDatabaseTargets())('one transaction per image ($name)', (target) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(target);
  });
  afterAll(() => app?.close());

  async function storedFiles(datasetName: string) {
    return app.database.db
      .select({ file: images.sourceFileName, study: studies.key, frame: images.frameIndex })
      .from(images)
      .innerJoin(studies, eq(studies.id, images.studyId))
      .where(eq(studies.datasetId, (await findOrCreateDataset(app.database.db, { name: datasetName })).id))
      .orderBy(asc(images.sourceFileName), asc(images.frameIndex));
  }

  it('stores no row for a file whose blob cannot be written, and imports the others', async () => {
    const folder = join(app.tempDir, 'blob-failure');
    const failing = await makePng(62);
    await writeFiles(folder, {
      's1/a.png': await makePng(61),
      's2/b.png': failing,
      's1/c.png': await makePng(63),
    });
    const broken = withFailingPut(app, (bytes) => sha256Hex(bytes) === sha256Hex(failing));
    const report = await importFolder(broken, { folder, datasetName: 'blob-failure' });
    expect(report).toMatchObject({ imported: 2, failed: 1 });
    expect(report.failures).toEqual([
      expect.objectContaining({
        file: 's2/b.png',
        code: 'INTERNAL',
        message: expect.stringContaining('disk full'),
      }),
    ]);
    expect(await storedFiles('blob-failure')).toEqual([
      { file: 'a.png', study: 's1', frame: null },
      { file: 'c.png', study: 's1', frame: null },
    ]);
  });

  it('rolls back the study, image, annotation and label rows of an image whose transaction fails half-way', async () => {
    const { db } = app.database;
    const dataset = await findOrCreateDataset(db, { name: 'half-way' });
    const kidney = await findOrCreateCategory(db, { datasetId: dataset.id, name: 'kidney' });
    await db
      .insert(categoryAliases)
      .values({ datasetId: dataset.id, categoryId: kidney.id, pattern: 'KIDNEY', match: 'EXACT' });
    await app.database.executeSql(REFUSE_CROP_WIDTH_13);
    const folder = join(app.tempDir, 'half-way');
    await writeFiles(folder, {
      'a.png': await makePng(71),
      'b.png': await makePng(72),
      'c.png': await makePng(73),
      'manifest.csv': csv(
        ['file', 'study', 'annotation', 'label', 'crop'],
        [
          ['a.png', 's1', 'KIDNEY', '', '0,0,10,10'],
          ['b.png', 's2', 'KIDNEY', 'spleen', '0,0,13,10'],
          ['c.png', 's1', '', 'liver', ''],
        ],
      ),
    });
    const before = await countRows(app.database);
    const report = await importFolder(app, {
      folder,
      manifestPath: join(folder, 'manifest.csv'),
      datasetName: 'half-way',
    });
    expect(report).toMatchObject({ imported: 2, failed: 1 });
    expect(report.failures).toEqual([expect.objectContaining({ file: 'b.png', line: 3, code: 'INTERNAL' })]);
    // a: study s1, image, annotation, technologist label, crop box; c: image, import label. The manifest's
    // categories (liver, spleen) are created before any file, in manifest order, so both exist.
    expect(await countRows(app.database)).toEqual({
      ...before,
      import_batches: before.import_batches! + 1,
      studies: before.studies! + 1,
      images: before.images! + 2,
      annotations: before.annotations! + 1,
      labels: before.labels! + 2,
      current_labels: before.current_labels! + 2,
      crop_boxes: before.crop_boxes! + 1,
      categories: before.categories! + 2,
    });
    expect((await storedFiles('half-way')).map((row) => `${row.study}/${row.file}`)).toEqual([
      's1/a.png',
      's1/c.png',
    ]);
  });

  it('keeps the frames of a DICOM file stored before a failing one, and counts them', async () => {
    const folder = join(app.tempDir, 'frames');
    await writeFiles(folder, { 'multi.dcm': (await makeDicom({ seed: 3, frames: 3 })).bytes });
    const report = await importFolder(
      withFailingPut(app, (_, call) => call === 2),
      { folder, datasetName: 'frames' },
    );
    expect(report).toMatchObject({ imported: 1, alreadyPresent: 0, failed: 1 });
    expect((await storedFiles('frames')).map((row) => row.frame)).toEqual([0]);
    const again = await importFolder(app, { folder, datasetName: 'frames' });
    expect(again).toMatchObject({ imported: 2, alreadyPresent: 1, failed: 0 });
    expect((await storedFiles('frames')).map((row) => row.frame)).toEqual([0, 1, 2]);
  });
});
