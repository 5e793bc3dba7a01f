import { join } from 'node:path';
import { images, importBatches } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors';
import { importFolder } from '../../src/operations/import-folder';
import { dumpTables, readAllFiles } from '../database-snapshot';
import { writeFiles } from '../image-fixtures';
import { createTestApp, type TestApp } from '../test-app';
import { IMPORT_CASES, type ImportCase, SEED_IMAGE } from './import-cases';

const DATASET = 'hostile imports';

describe.each(testDatabaseTargets())('hostile files and manifests through the import ($name)', (target) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(target);
    // The dataset exists and holds one image, so a refused import has something to leave alone.
    const folder = join(app.tempDir, 'seed');
    await writeFiles(folder, { 'seed.png': await SEED_IMAGE() });
    expect(await importFolder(app, { folder, datasetName: DATASET })).toMatchObject({ imported: 1 });
  });
  afterAll(() => app?.close());

  /** Every row but those of import batches, and every blob, to compare before and after an import. */
  async function snapshot() {
    const rows = (await dumpTables(app.database))
      .split('\n')
      .filter((line) => !line.startsWith('import_batches:'))
      .join('\n');
    const blobs = [...(await readAllFiles(app.settings.blobDir)).entries()]
      .map(([path, bytes]) => `${path} ${bytes.toString('base64')}`)
      .sort();
    return { rows, blobs };
  }

  const importCase = (entry: ImportCase, folder: string) =>
    importFolder(app, {
      folder,
      manifestPath: entry.manifest ? join(folder, entry.manifest) : undefined,
      datasetName: DATASET,
    });

  it.each(IMPORT_CASES.map((entry) => [entry.kind, entry.name, entry] as const))(
    '%s: %s',
    async (_kind, _name, entry) => {
      const folder = join(app.tempDir, `case-${IMPORT_CASES.indexOf(entry)}`);
      await writeFiles(folder, await entry.files());
      const before = await snapshot();
      const batchesBefore = await app.database.db.select().from(importBatches);
      const expected = entry.expect;

      if ('refused' in expected) {
        const attempt = importCase(entry, folder);
        await expect(attempt).rejects.toBeInstanceOf(AppError);
        await expect(attempt).rejects.toMatchObject({
          code: expected.refused,
          userMessage: expect.stringMatching(expected.message),
        });
        expect(await app.database.db.select().from(importBatches)).toEqual(batchesBefore);
        expect(await snapshot()).toEqual(before);
        return;
      }

      const report = await importCase(entry, folder);
      if ('accepted' in expected) {
        expect(report).toMatchObject({ imported: Object.keys(expected.accepted).length, failed: 0 });
        const stored = await app.database.db
          .select({ file: images.sourceFileName, format: images.format })
          .from(images)
          .where(eq(images.importBatchId, report.batchId));
        expect(Object.fromEntries(stored.map((row) => [row.file, row.format]))).toEqual(expected.accepted);
        return;
      }

      const codes = new Map<string, Set<string>>();
      for (const failure of report.failures) {
        expect(failure.message, failure.file).toMatch(/\S/);
        expect(failure.message, failure.file).not.toMatch(/at \w+ \(|\bINTERNAL\b/);
        codes.set(failure.file, (codes.get(failure.file) ?? new Set()).add(failure.code));
      }
      expect(
        Object.fromEntries([...codes].map(([file, fileCodes]) => [file, [...fileCodes].join(',')])),
      ).toEqual(expected.failures);
      if (expected.message)
        expect(report.failures.map((failure) => failure.message).join('\n')).toMatch(expected.message);
      expect(report).toMatchObject({ imported: 0, alreadyPresent: expected.present ?? 0 });
      // Nothing changed but the batch recording the refusals, and its stored report is bounded.
      expect(await snapshot()).toEqual(before);
      const [batch] = await app.database.db
        .select()
        .from(importBatches)
        .where(eq(importBatches.id, report.batchId));
      expect(batch).toMatchObject({ importedCount: 0, failedCount: report.failed });
      expect((batch!.report as { failures: unknown[] }).failures.length).toBe(Math.min(report.failed, 1_000));
    },
  );
});
