import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { datasets, images, studies } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/errors';
import { makeDicom, TRANSFER_SYNTAX } from '../src/import/test-fixtures/make-dicom';
import { importFolder } from '../src/operations/import-folder';
import { countRows, readAllFiles } from './database-snapshot';
import { csv, makeJpeg, makePng, makePng16, pngWithHeader, writeFiles } from './image-fixtures';
import { createTestApp, type TestApp } from './test-app';

/** A DICOM file cut short and overwritten inside its header. */
async function malformedDicom(): Promise<Uint8Array> {
  const damaged = (await makeDicom({ seed: 9 })).bytes.slice(0, 400);
  damaged.fill(0xff, 200);
  return damaged;
}

describe.each(testDatabaseTargets())('refusing bad input file by file ($name)', (target) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(target, { maxImageDimension: 256 });
  });
  afterAll(() => app?.close());

  it('reports each bad file with its code and imports the rest', async () => {
    const folder = join(app.tempDir, 'mixed');
    const truncatedPng = await makePng(44, { width: 200, height: 150 });
    const truncatedJpeg = await makeJpeg(45, { width: 200, height: 150 });
    const bomb = pngWithHeader(100_000, 100_000);
    expect(bomb.length).toBeLessThan(200);
    await writeFile(join(app.tempDir, 'outside.png'), await makePng(49));
    await writeFiles(folder, {
      'one.png': await makePng(41),
      'two.jpg': await makeJpeg(42),
      'deep.png': await makePng16(43),
      'scan.dcm': (await makeDicom({ seed: 1 })).bytes,
      'empty.png': new Uint8Array(),
      'truncated.png': truncatedPng.subarray(0, truncatedPng.length / 2),
      'truncated.jpg': truncatedJpeg.subarray(0, truncatedJpeg.length / 2),
      'text.png': 'file,label\na.png,liver\n',
      'zero.png': pngWithHeader(0, 10),
      'wide.png': await makePng(46, { width: 300, height: 8 }),
      'bomb.png': bomb,
      'crop.png': await makePng(47),
      'bad-crop.png': await makePng(48),
      'jpeg2000.dcm': (await makeDicom({ seed: 2, transferSyntax: TRANSFER_SYNTAX.jpeg2000 })).bytes,
      'malformed.dcm': await malformedDicom(),
    });
    const good = ['one.png', 'two.jpg', 'deep.png', 'scan.dcm'];
    const bad = [
      'empty.png',
      'truncated.png',
      'truncated.jpg',
      'text.png',
      'zero.png',
      'wide.png',
      'bomb.png',
    ];
    const rows = [
      ...[...good, ...bad].map((file) => [file, good.includes(file) ? 'good' : 'bad', '']),
      ['crop.png', 'bad', '20,20,50,50'],
      ['bad-crop.png', 'bad', '1,2,x'],
      ['../outside.png', 'bad', ''],
      ['missing.png', 'bad', ''],
      ['jpeg2000.dcm', 'bad', ''],
      ['malformed.dcm', 'bad', ''],
    ];
    await writeFiles(folder, { 'manifest.csv': csv(['file', 'study', 'crop'], rows) });

    const report = await importFolder(app, {
      folder,
      manifestPath: join(folder, 'manifest.csv'),
      datasetName: 'mixed',
    });
    expect(report).toMatchObject({ imported: 4, alreadyPresent: 0, failed: 13 });
    const codes = Object.fromEntries(report.failures.map((failure) => [failure.file, failure.code]));
    expect(codes).toEqual({
      'empty.png': 'EMPTY_FILE',
      'truncated.png': 'TRUNCATED',
      'truncated.jpg': 'TRUNCATED',
      'text.png': 'NOT_AN_IMAGE',
      'zero.png': 'ZERO_SIZE',
      'wide.png': 'TOO_LARGE',
      'bomb.png': 'TOO_LARGE',
      'crop.png': 'CROP_OUT_OF_BOUNDS',
      'manifest.csv': 'BAD_MANIFEST_ROW',
      '../outside.png': 'OUTSIDE_FOLDER',
      'missing.png': 'FILE_NOT_FOUND',
      'jpeg2000.dcm': 'UNSUPPORTED_TRANSFER_SYNTAX',
      'malformed.dcm': 'BAD_DICOM',
    });
    expect(report.failures).toHaveLength(13);
    const failure = (file: string) => report.failures.find((entry) => entry.file === file);
    expect(failure('manifest.csv')).toMatchObject({ line: 14, message: expect.stringContaining('"1,2,x"') });
    expect(failure('jpeg2000.dcm')?.message).toContain('1.2.840.10008.1.2.4.90 (JPEG 2000 (Lossless Only))');
    expect(failure('bomb.png')?.message).toContain('100000 × 100000');
    expect(failure('crop.png')).toMatchObject({ line: 13 });

    const { db } = app.database;
    const stored = await db
      .select({ file: images.sourceFileName, study: studies.key, sha256: images.sha256 })
      .from(images)
      .innerJoin(studies, eq(studies.id, images.studyId))
      .where(eq(images.datasetId, report.datasetId));
    expect(stored.map((row) => `${row.study}/${row.file}`).sort()).toEqual(
      good.map((file) => `good/${file}`).sort(),
    );
    const keys = await db
      .select({ key: studies.key })
      .from(studies)
      .where(eq(studies.datasetId, report.datasetId));
    expect(keys).toEqual([{ key: 'good' }]);
    // Only the stored images have blobs: every refusal came before the blob was written.
    expect(
      [...(await readAllFiles(app.settings.blobDir)).keys()].map((path) => path.split('/').at(-1)).sort(),
    ).toEqual(stored.map((row) => row.sha256).sort());
  });

  it('refuses a manifest without a file column as a whole, writing nothing', async () => {
    const folder = join(app.tempDir, 'no-file-column');
    await writeFiles(folder, {
      'a.png': await makePng(51),
      'manifest.csv': csv(['path', 'label'], [['a.png', 'liver']]),
    });
    const before = await countRows(app.database);
    const attempt = importFolder(app, {
      folder,
      manifestPath: join(folder, 'manifest.csv'),
      datasetName: 'refused',
    });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({
      code: 'BAD_INPUT',
      userMessage: expect.stringContaining(
        'The manifest has no "file" column; its columns are "path", "label".',
      ),
    });
    expect(await countRows(app.database)).toEqual(before);
    expect(await app.database.db.select().from(datasets).where(eq(datasets.name, 'refused'))).toEqual([]);
  });
});
