import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileBlobStore, openDatabase } from '@loupe/db';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext } from '../../src/app-context';
import { loadSettings } from '../../src/env';
import { countRows } from '../database-snapshot';
import { csv, makePng, writeFiles } from '../image-fixtures';
import { loupeEnv, startLoupe } from '../loupe-cli';
import { checkBlobs } from './blob-consistency';

const IMAGES = 200;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const temporary: string[] = [];
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
  }
  for (const folder of temporary.splice(0)) await rm(folder, { recursive: true, force: true });
});

/** Runs `loupe` to its end, collecting its output. */
function runToEnd(
  args: string[],
  dataDir: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = startLoupe(args, dataDir);
  children.push(child);
  const run = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ ...run, code }));
  });
}

/** Hundreds of distinct PNGs in ten study folders, each with a label and a crop box in the manifest. */
async function importFolderOnDisk() {
  const folder = await mkdtemp(join(tmpdir(), 'loupe-crash-import-'));
  temporary.push(folder);
  const files: Record<string, Buffer | string> = {};
  const rows: string[][] = [];
  for (let index = 0; index < IMAGES; index += 1) {
    const file = `s${index % 10}/${index}.png`;
    // makePng repeats itself every 256 seeds: a wider image keeps the later ones distinct.
    files[file] = await makePng(index % 256, { width: 32 + Math.floor(index / 256), height: 24 });
    rows.push([file, ['liver', 'spleen', 'bladder'][index % 3]!, '1,1,20,16']);
  }
  files['manifest.csv'] = csv(['file', 'label', 'crop'], rows);
  await writeFiles(folder, files);
  return folder;
}

async function blobFileCount(blobDir: string): Promise<number> {
  const entries = await readdir(blobDir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile() && /^[0-9a-f]{64}$/.test(entry.name)).length;
}

describe('the embedded app killed during an import (PGlite)', () => {
  it('opens again with each image whole or absent, no orphan blob, and the import reruns to completion', async () => {
    const folder = await importFolderOnDisk();
    const dataDir = await mkdtemp(join(tmpdir(), 'loupe-crash-data-'));
    temporary.push(dataDir);
    const blobDir = join(dataDir, 'blobs');
    const args = [
      'import',
      folder,
      '--manifest',
      join(folder, 'manifest.csv'),
      '--dataset',
      'crash',
      '--json',
    ];

    const child = startLoupe(args, dataDir);
    children.push(child);
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    for (let waited = 0; (await blobFileCount(blobDir)) < 40; waited += 20) {
      if (child.exitCode !== null) throw new Error('the import finished before it could be killed');
      if (waited > 90_000) throw new Error('the import wrote no blobs');
      await sleep(20);
    }
    child.kill('SIGKILL');
    await exited;
    expect(child.signalCode).toBe('SIGKILL');

    // A write cut short, as a kill in the middle of writing a blob leaves it, and an orphan blob.
    const blobs = createFileBlobStore(blobDir);
    const orphan = await blobs.put(randomBytes(256));
    await writeFile(join(blobDir, '.tmp-cut-short'), randomBytes(100));
    await sleep(11_000); // the data-folder lock of the killed process goes stale after 10 s

    // The database opens as the killed process left it (PGlite recovers its write-ahead log).
    const raw = await openDatabase({ dataDir });
    const left = await checkBlobs(raw, blobDir);
    const rowsAfterKill = await countRows(raw);
    await raw.close();
    expect(left.missing).toEqual([]);
    expect(left.orphans).toContain(orphan);
    expect(left.images).toBeGreaterThan(0);
    expect(left.images).toBeLessThan(IMAGES);
    // Each image committed whole: its study, its label and its crop box came with it.
    expect(rowsAfterKill.labels).toBe(rowsAfterKill.images);
    expect(rowsAfterKill.crop_boxes).toBe(rowsAfterKill.images);
    console.info(
      `killed after ${left.images}/${IMAGES} images: ${left.orphans.length - 1} orphan blob(s), ` +
        `${left.temporaryFiles.length - 1} temporary file(s) left by the kill itself`,
    );

    // The next start removes what no row points at.
    const app = await createAppContext(loadSettings(loupeEnv(dataDir)));
    try {
      expect(await checkBlobs(app.database, blobDir)).toEqual({
        missing: [],
        orphans: [],
        temporaryFiles: [],
        images: left.images,
        blobs: left.images,
      });
    } finally {
      await app.close();
    }

    const rerun = await runToEnd(args, dataDir);
    expect(rerun.code, rerun.stderr).toBe(0);
    const report = JSON.parse(rerun.stdout.trim().split('\n').at(-1)!) as Record<string, number>;
    expect(report).toMatchObject({
      files: IMAGES,
      imported: IMAGES - left.images,
      alreadyPresent: left.images,
      failed: 0,
    });
    const done = await openDatabase({ dataDir });
    try {
      expect(await checkBlobs(done, blobDir)).toEqual({
        missing: [],
        orphans: [],
        temporaryFiles: [],
        images: IMAGES,
        blobs: IMAGES,
      });
      const counts = await countRows(done);
      expect(counts).toMatchObject({ images: IMAGES, labels: IMAGES, crop_boxes: IMAGES, studies: 10 });
    } finally {
      await done.close();
    }
  }, 180_000);
});
