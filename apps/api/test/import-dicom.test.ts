import { join } from 'node:path';
import { images, studies } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studyKeyOf } from '../src/import/dicom';
import { makeDicom, TRANSFER_SYNTAX } from '../src/import/test-fixtures/make-dicom';
import { importFolder } from '../src/operations/import-folder';
import { dumpTables, readAllFiles } from './database-snapshot';
import { writeFiles } from './image-fixtures';
import { createTestApp, type TestApp } from './test-app';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const SHARED_STUDY_UID = '1.2.826.0.1.3680043.10.1337.424242';

describe.each(testDatabaseTargets())('importing DICOM ($name)', (target) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(target);
  });
  afterAll(() => app?.close());

  async function storedImages(datasetId: string) {
    return app.database.db
      .select({
        file: images.sourceFileName,
        frame: images.frameIndex,
        format: images.format,
        study: studies.key,
        sha256: images.sha256,
      })
      .from(images)
      .innerJoin(studies, eq(studies.id, images.studyId))
      .where(eq(images.datasetId, datasetId))
      .orderBy(asc(images.sourceFileName), asc(images.frameIndex));
  }

  it('imports every frame, the first or the middle one, each as a PNG', async () => {
    const folder = join(app.tempDir, 'multi-frame');
    await writeFiles(folder, {
      'cine.dcm': (await makeDicom({ seed: 20, frames: 5, width: 16, height: 12 })).bytes,
    });
    const frames = async (which: 'all' | 'first' | 'middle') => {
      const report = await importFolder(app, { folder, datasetName: `frames-${which}`, frames: which });
      expect(report).toMatchObject({ files: 1, failed: 0 });
      return storedImages(report.datasetId);
    };
    const all = await frames('all');
    expect(all.map((row) => [row.file, row.frame, row.format])).toEqual(
      [0, 1, 2, 3, 4].map((frame) => ['cine.dcm', frame, 'DICOM']),
    );
    expect(new Set(all.map((row) => row.sha256)).size).toBe(5);
    for (const row of all) {
      expect((await app.blobs.get(row.sha256)).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    }
    expect((await frames('first')).map((row) => [row.frame, row.sha256])).toEqual([[0, all[0]!.sha256]]);
    expect((await frames('middle')).map((row) => [row.frame, row.sha256])).toEqual([[2, all[2]!.sha256]]);
  });

  it('keys studies by the salted Study Instance UID, and no identifier reaches a table or a blob', async () => {
    const folder = join(app.tempDir, 'identified');
    const first = await makeDicom({ seed: 31, identifiers: { StudyInstanceUID: SHARED_STUDY_UID } });
    const second = await makeDicom({
      seed: 32,
      identifiers: { StudyInstanceUID: SHARED_STUDY_UID },
      transferSyntax: TRANSFER_SYNTAX.jpegBaseline,
      photometric: 'RGB',
    });
    const other = await makeDicom({
      seed: 33,
      frames: 2,
      transferSyntax: TRANSFER_SYNTAX.implicitLittle,
      bitsAllocated: 16,
      bitsStored: 12,
    });
    await writeFiles(folder, { 'x/a.dcm': first.bytes, 'y/b.dcm': second.bytes, 'x/c.dcm': other.bytes });
    const secrets = [
      ...new Set([
        ...first.identifierValues,
        ...second.identifierValues,
        ...other.identifierValues,
        SHARED_STUDY_UID,
        other.studyInstanceUid!,
      ]),
    ];
    expect(secrets.length).toBeGreaterThan(100);
    // The scan can find them: every value is in the files as written.
    const written = [first, second, other]
      .map((fixture) => Buffer.from(fixture.bytes).toString('latin1'))
      .join('\n');
    expect(secrets.filter((secret) => !written.includes(secret))).toEqual([]);

    const report = await importFolder(app, { folder, datasetName: 'identified' });
    expect(report).toMatchObject({ imported: 4, failed: 0 });
    const stored = await storedImages(report.datasetId);
    const sharedKey = studyKeyOf(SHARED_STUDY_UID, app.uidSalt);
    expect(stored.map((row) => [row.file, row.frame, row.study])).toEqual([
      ['a.dcm', 0, sharedKey],
      ['b.dcm', 0, sharedKey],
      ['c.dcm', 0, studyKeyOf(other.studyInstanceUid!, app.uidSalt)],
      ['c.dcm', 1, studyKeyOf(other.studyInstanceUid!, app.uidSalt)],
    ]);
    expect(sharedKey).toMatch(/^[0-9a-f]{64}$/);

    const dump = await dumpTables(app.database);
    expect(dump).toContain(sharedKey);
    expect(secrets.filter((secret) => dump.includes(secret))).toEqual([]);
    const blobs = [...(await readAllFiles(app.settings.blobDir)).values()].map((bytes) =>
      bytes.toString('latin1'),
    );
    expect(blobs.length).toBeGreaterThanOrEqual(4);
    expect(secrets.filter((secret) => blobs.some((blob) => blob.includes(secret)))).toEqual([]);
  });
});
