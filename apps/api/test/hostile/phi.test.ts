import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabaseTargets } from '@loupe/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASIC_PROFILE_ATTRIBUTES } from '../../src/import/deidentify';
import { importFolder } from '../../src/operations/import-folder';
import { dumpTables, readAllFiles } from '../database-snapshot';
import { writeFiles } from '../image-fixtures';
import { runLoupe } from '../loupe-cli';
import { createTestApp, type TestApp } from '../test-app';
import { markersIn, PHI_FILES, UNMARKED_PROFILE_ATTRIBUTES } from './phi-corpus';

type Corpus = { files: Record<string, Uint8Array>; markers: string[] };

async function buildCorpus(): Promise<Corpus> {
  const files: Record<string, Uint8Array> = {};
  const markers: string[] = [];
  for (const entry of PHI_FILES) {
    const fixture = await entry.make();
    files[`scans/${entry.file}`] = fixture.bytes;
    // The private tag and Image Comments come on top of the profile's attributes.
    expect(fixture.identifierValues.length, entry.file).toBe(
      BASIC_PROFILE_ATTRIBUTES.length -
        UNMARKED_PROFILE_ATTRIBUTES.length +
        1 -
        (entry.file === 'no-study.dcm' ? 1 : 0),
    );
    markers.push(...fixture.identifierValues);
  }
  // The scan finds them where they are: in the files as written (deflated data aside).
  const plain = Object.entries(files).filter(([path]) => !path.endsWith('deflated.dcm'));
  const inFiles = markersIn(
    markers,
    plain.map(([, bytes]) => bytes),
  );
  expect(inFiles.length).toBeGreaterThan(new Set(markers).size * 0.8);
  // Patient Age is the one value files share (its form leaves no room for a seed).
  return { files, markers: [...new Set(markers)] };
}

const expectedImages = PHI_FILES.reduce((sum, entry) => sum + entry.imported, 0);
const refused = PHI_FILES.filter((entry) => entry.imported === 0).map((entry) => `scans/${entry.file}`);

describe('no identifier of a DICOM file reaches the data folder (loupe import on the embedded database)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'loupe-phi-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('leaves no marker in any byte of the database files, the blobs or the printed report', async () => {
    const corpus = await buildCorpus();
    const folder = join(dataDir, '..', `${dataDir.split('/').at(-1)}-input`);
    await writeFiles(folder, corpus.files);
    try {
      const run = await runLoupe(['import', folder, '--dataset', 'phi', '--json'], dataDir);
      expect(run.code, run.stderr).toBe(1);
      const report = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
      expect(report, `${report.imported} ${report.alreadyPresent}`).toMatchObject({
        imported: expectedImages,
        failed: refused.length,
      });
      expect(report.failures.map((failure: { file: string }) => failure.file).sort()).toEqual(refused.sort());

      expect((await readdir(join(dataDir, 'db'))).length).toBeGreaterThan(0);
      const files = await readAllFiles(dataDir);
      expect([...files.keys()].filter((path) => path.includes('/blobs/')).length).toBe(expectedImages);
      // Every file of the data folder: PGlite's tables, indexes and write-ahead log, and the blob store.
      expect(markersIn(corpus.markers, [...files.values(), run.stdout, run.stderr])).toEqual([]);
      // The same scan finds what the import does store: file names, in the images and the batch report.
      expect(markersIn(['big-endian.dcm', 'refused-short.dcm'], files.values())).toEqual([
        'big-endian.dcm',
        'refused-short.dcm',
      ]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    // A fresh embedded database is created and migrated by the command first: minutes on a busy machine.
  }, 600_000);
});

describe.each(testDatabaseTargets())('no identifier of a DICOM file reaches a table ($name)', (target) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(target);
  });
  afterAll(() => app?.close());

  it('leaves no marker in any column of any table, any blob or the import report', async () => {
    const corpus = await buildCorpus();
    const folder = join(app.tempDir, 'input');
    await writeFiles(folder, corpus.files);
    const report = await importFolder(app, { folder, datasetName: 'phi' });
    expect(report, `${report.imported} ${report.alreadyPresent}`).toMatchObject({
      imported: expectedImages,
      failed: refused.length,
    });
    const dump = await dumpTables(app.database);
    expect(dump).toContain('import_batches:');
    const blobs = [...(await readAllFiles(app.settings.blobDir)).values()];
    expect(blobs.length).toBe(expectedImages);
    expect(markersIn(corpus.markers, [dump, JSON.stringify(report), ...blobs])).toEqual([]);
  });
});
