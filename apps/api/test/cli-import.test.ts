import { type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDataset, writeDataset } from '@loupe/ml/synthetic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../src/app-context';
import { loadSettings } from '../src/env';
import type { ImportReport } from '../src/operations/import-folder';
import { makePng, writeFiles } from './image-fixtures';
import { freePort, type Run, readyLine, runLoupe, startLoupe, stopLoupe } from './loupe-cli';

const reportOf = (run: Run): ImportReport =>
  JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '') as ImportReport;

describe('the loupe command (pglite, data folder)', () => {
  let tempDir: string;
  let dataDir: string;
  let folder: string;
  let server: ChildProcess | undefined;
  beforeAll(async () => {
    tempDir = await mkdtemp(join(tmpdir(), 'loupe-cli-test-'));
    dataDir = join(tempDir, 'data');
    folder = join(tempDir, 'synthetic');
    await writeDataset(
      folder,
      generateDataset({ seed: 5, studies: 2, imagesPerStudy: 3, width: 128, height: 96 }),
    );
  });
  afterAll(async () => {
    await stopLoupe(server);
    await rm(tempDir, { recursive: true, force: true });
  });

  it('imports a manifest and prints a JSON report; the second run imports nothing', async () => {
    const manifest = join(folder, 'manifest.csv');
    const first = await runLoupe(
      ['import', folder, '--manifest', manifest, '--dataset', 'cli', '--json'],
      dataDir,
    );
    expect(first.code, first.stderr).toBe(0);
    expect(reportOf(first)).toMatchObject({
      datasetName: 'cli',
      files: 6,
      imported: 6,
      alreadyPresent: 0,
      failed: 0,
    });
    const second = await runLoupe(
      ['import', folder, '--manifest', manifest, '--dataset', 'cli', '--json'],
      dataDir,
    );
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('"imported":0');
    expect(reportOf(second)).toMatchObject({ imported: 0, alreadyPresent: 6, failed: 0 });
  });

  it('hands the import to the running app that owns the data folder, and exits 1 when a file failed', async () => {
    const port = await freePort();
    server = startLoupe(['serve', '--port', String(port), '--json'], dataDir);
    const ready = await readyLine(server);
    expect(ready).toMatchObject({ graphql: `http://127.0.0.1:${port}/graphql`, database: 'pglite' });
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ ok: true });

    const manifest = await readFile(join(folder, 'manifest.csv'), 'utf8');
    await writeFiles(folder, {
      'extra/new.png': await makePng(81),
      'extra/broken.png': 'not an image',
      'manifest-more.csv': `${manifest}extra/new.png,extra,,,\nextra/broken.png,extra,,,\n`,
    });
    const run = await runLoupe(
      ['import', folder, '--manifest', join(folder, 'manifest-more.csv'), '--dataset', 'cli', '--json'],
      dataDir,
    );
    expect(run.code, run.stderr).toBe(1);
    // The running app holds the images of the earlier, direct runs: the same database.
    expect(reportOf(run)).toMatchObject({
      imported: 1,
      alreadyPresent: 6,
      failed: 1,
      failures: [{ file: 'extra/broken.png', code: 'NOT_AN_IMAGE' }],
    });

    const direct = createAppContext(loadSettings({ LOUPE_DATA_DIR: dataDir, LOUPE_LOG_LEVEL: 'silent' }));
    await expect(direct).rejects.toMatchObject({ code: 'DATA_DIR_LOCKED' });
  }, 240_000);
});
