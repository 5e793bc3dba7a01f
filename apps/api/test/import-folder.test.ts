import { join } from 'node:path';
import { datasets, images, importBatches, studies } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFolder } from '../src/operations/import-folder';
import { countRows } from './database-snapshot';
import { makeJpeg, makePng, makePng16, writeFiles } from './image-fixtures';
import { createTestApp, type TestApp } from './test-app';

describe.each(testDatabaseTargets())('importing a folder without a manifest ($name)', (target) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(target);
  });
  afterAll(() => app?.close());

  it('makes each sub-folder a study, counts what it did, and adds nothing on a re-import', async () => {
    const folder = join(app.tempDir, 'plain');
    const one = await makePng(1);
    await writeFiles(folder, {
      'study-a/one.png': one,
      'study-a/two.jpg': await makeJpeg(2),
      'study-b/deep.png': await makePng16(3),
      'study-b/nested/colour.png': await makePng(4, { width: 30, height: 20 }, true),
      'top.png': await makePng(5),
      'study-c/copy-of-one.png': one,
      'study-c/broken.png': 'not an image, only text',
      'study-c/notes.txt': 'a note the import leaves alone',
    });
    const first = await importFolder(app, { folder, datasetName: 'plain' });
    expect(first).toMatchObject({
      datasetName: 'plain',
      files: 7,
      imported: 5,
      alreadyPresent: 1,
      failed: 1,
    });
    expect(first.failures).toEqual([
      { file: 'study-c/broken.png', line: undefined, code: 'NOT_AN_IMAGE', message: expect.any(String) },
    ]);
    expect(first.skipped).toEqual([
      { file: 'study-c/notes.txt', reason: expect.stringContaining('not a PNG') },
    ]);

    const { db } = app.database;
    const [dataset] = await db.select().from(datasets).where(eq(datasets.name, 'plain'));
    const stored = await db
      .select({
        file: images.sourceFileName,
        study: studies.key,
        format: images.format,
        width: images.width,
        bitDepth: images.bitDepth,
        channels: images.channels,
        sha256: images.sha256,
      })
      .from(images)
      .innerJoin(studies, eq(studies.id, images.studyId))
      .where(eq(images.datasetId, dataset!.id))
      .orderBy(asc(images.sourceFileName));
    // The two files with the same bytes: files import concurrently, so whichever is reached first is kept.
    const kept = stored.find((row) => row.file === 'one.png' || row.file === 'copy-of-one.png')!;
    const keptStudy = kept.file === 'one.png' ? 'study-a' : 'study-c';
    expect(stored.map(({ sha256: _, ...row }) => row)).toEqual(
      [
        { file: 'colour.png', study: 'study-b', format: 'PNG', width: 30, bitDepth: 8, channels: 3 },
        { file: 'deep.png', study: 'study-b', format: 'PNG', width: 20, bitDepth: 16, channels: 1 },
        { file: kept.file, study: keptStudy, format: 'PNG', width: 32, bitDepth: 8, channels: 1 },
        { file: 'top.png', study: 'top', format: 'PNG', width: 32, bitDepth: 8, channels: 1 },
        { file: 'two.jpg', study: 'study-a', format: 'JPEG', width: 40, bitDepth: 8, channels: 3 },
      ].sort((a, b) => a.file.localeCompare(b.file)),
    );
    // The duplicate and the failed file made no study of their own.
    const keys = await db
      .select({ key: studies.key })
      .from(studies)
      .where(eq(studies.datasetId, dataset!.id));
    expect(keys.map((row) => row.key).sort()).toEqual(
      ['study-a', 'study-b', 'top', ...(keptStudy === 'study-c' ? ['study-c'] : [])].sort(),
    );
    for (const { sha256 } of stored) {
      expect(await app.blobs.has(sha256)).toBe(true);
    }
    expect(Buffer.from(await app.blobs.get(kept.sha256)).equals(one)).toBe(true);

    const before = await countRows(app.database);
    const second = await importFolder(app, { folder, datasetName: 'plain' });
    expect(second).toMatchObject({ files: 7, imported: 0, alreadyPresent: 6, failed: 1 });
    const after = await countRows(app.database);
    // A run is always recorded as a batch; nothing else changes.
    expect(after).toEqual({ ...before, import_batches: before.import_batches! + 1 });
    const [batch] = await db.select().from(importBatches).where(eq(importBatches.id, second.batchId));
    expect(batch).toMatchObject({ importedCount: 0, presentCount: 6, failedCount: 1 });
    expect(batch?.finishedAt).toBeInstanceOf(Date);
  });
});
