import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileBlobStore, importBatches } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/errors';
import { importFolder } from '../../src/operations/import-folder';
import { countRows } from '../database-snapshot';
import { makePng, writeFiles } from '../image-fixtures';
import { createTestApp, type TestApp } from '../test-app';
import { checkBlobs } from './blob-consistency';

/**
 * A full disk, made to order: once `bytesLeft` runs out, a write under a blob folder stores what still fits
 * and fails with ENOSPC, as the kernel does. The blob store and the import run their real code around it.
 */
const disk = vi.hoisted(() => ({ bytesLeft: Number.POSITIVE_INFINITY, refusedWrites: 0 }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const writeFile: typeof actual.writeFile = async (path, data, options) => {
    if (typeof path !== 'string' || !path.includes('/blobs/') || !(data instanceof Uint8Array))
      return actual.writeFile(path, data, options);
    if (data.length <= disk.bytesLeft) {
      disk.bytesLeft -= data.length;
      return actual.writeFile(path, data, options);
    }
    const fits = Math.max(0, disk.bytesLeft);
    disk.bytesLeft = 0;
    disk.refusedWrites += 1;
    await actual.writeFile(path, data.subarray(0, fits), options);
    throw Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), {
      code: 'ENOSPC',
      errno: -28,
      syscall: 'write',
      path,
    });
  };
  return { ...actual, writeFile, default: { ...actual, writeFile } };
});

/** A folder of `count` distinct PNGs in four study folders. */
async function pngFolder(parent: string, name: string, count: number, firstSeed: number) {
  const folder = join(parent, name);
  const files: Record<string, Buffer> = {};
  for (let index = 0; index < count; index += 1) {
    files[`s${index % 4}/${index}.png`] = await makePng(firstSeed + index);
  }
  await writeFiles(folder, files);
  return folder;
}

afterEach(() => {
  disk.bytesLeft = Number.POSITIVE_INFINITY;
});

describe.each(testDatabaseTargets())('the blob store failing during an import ($name)', (target) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(target);
  });
  afterAll(() => app?.close());

  it('stops at a full disk with a clear error, keeps whole images only, and a rerun completes', async () => {
    const folder = await pngFolder(app.tempDir, 'full-disk', 40, 1000);
    const png = await makePng(1000);
    // Room for about a dozen images: the disk fills up part-way through the folder.
    disk.bytesLeft = png.length * 12 + Math.floor(png.length / 2);
    disk.refusedWrites = 0;
    const attempt = importFolder(app, { folder, datasetName: 'full-disk' });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    const error = (await attempt.catch((caught: AppError) => caught)) as AppError;
    expect(error.code).toBe('IMPORT_FAILED');
    expect(error.userMessage).toContain(
      `The disk holding the blob store ${app.settings.blobDir} is full (ENOSPC).`,
    );
    expect(error.userMessage).toContain('run the import again');
    expect(disk.refusedWrites).toBeGreaterThan(0);

    const afterFailure = await checkBlobs(app.database, app.settings.blobDir);
    expect(afterFailure).toMatchObject({ missing: [], orphans: [], temporaryFiles: [] });
    expect(afterFailure.images).toBeGreaterThan(0);
    expect(afterFailure.images).toBeLessThan(40);
    const [batch] = await app.database.db.select().from(importBatches);
    expect(batch).toMatchObject({ importedCount: afterFailure.images, finishedAt: expect.any(Date) });

    disk.bytesLeft = Number.POSITIVE_INFINITY;
    const rerun = await importFolder(app, { folder, datasetName: 'full-disk' });
    expect(rerun).toMatchObject({
      imported: 40 - afterFailure.images,
      alreadyPresent: afterFailure.images,
      failed: 0,
    });
    expect(await checkBlobs(app.database, app.settings.blobDir)).toMatchObject({
      missing: [],
      orphans: [],
      temporaryFiles: [],
      images: 40,
      blobs: 40,
    });
  });

  it('refuses an unwritable blob folder with a clear error and writes no image row', async () => {
    // Permissions do not stop root, so the blob folder's path is taken by a regular file: mkdir fails for anyone.
    const occupied = await mkdtemp(join(tmpdir(), 'loupe-occupied-'));
    try {
      await writeFile(join(occupied, 'blobs'), 'not a folder');
      const blobDir = join(occupied, 'blobs', 'store');
      const unwritable = {
        ...app,
        settings: { ...app.settings, blobDir },
        blobs: createFileBlobStore(blobDir),
      };
      const folder = await pngFolder(app.tempDir, 'unwritable', 8, 2000);
      const before = await countRows(app.database);
      const attempt = importFolder(unwritable, { folder, datasetName: 'unwritable' });
      const error = (await attempt.catch((caught: unknown) => caught)) as AppError;
      expect(error).toBeInstanceOf(AppError);
      expect(error.code).toBe('IMPORT_FAILED');
      expect(error.userMessage).toMatch(
        new RegExp(
          `^The import stopped: The blob store ${blobDir} cannot be written \\((ENOTDIR|EEXIST)\\)\\.`,
        ),
      );
      const after = await countRows(app.database);
      // Only the dataset and the batch that records the attempt; no study, image, label or crop row.
      expect(after).toEqual({
        ...before,
        datasets: before.datasets! + 1,
        import_batches: before.import_batches! + 1,
      });
    } finally {
      await rm(occupied, { recursive: true, force: true });
    }
  });
});
