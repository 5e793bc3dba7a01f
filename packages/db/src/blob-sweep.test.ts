import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileBlobStore } from './blob-store';
import { removeBlobIfUnreferenced, removeUnreferencedBlobs } from './blob-sweep';
import { datasets, images, modelVersions, studies } from './schema';
import { stubModelVersion, type TestDatabase, testDatabaseTargets } from './testing';

describe.each(testDatabaseTargets())('removing unreferenced blobs ($name)', (target) => {
  let handle: TestDatabase | undefined;
  let root: string | undefined;
  afterEach(async () => {
    await handle?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('removes blobs and temporary files no row needs, and keeps those rows point at or written since', async () => {
    handle = await target.open();
    root = await mkdtemp(join(tmpdir(), 'loupe-sweep-'));
    const { db } = handle;
    const blobs = createFileBlobStore(root);
    const image = await blobs.put(new TextEncoder().encode('image'));
    const weights = await blobs.put(new TextEncoder().encode('weights'));
    const orphan = await blobs.put(new TextEncoder().encode('orphan'));
    await writeFile(join(root, '.tmp-cut-short'), 'half');
    const [dataset] = await db.insert(datasets).values({ name: 'd' }).returning();
    const [study] = await db.insert(studies).values({ datasetId: dataset!.id, key: 's' }).returning();
    await db.insert(images).values({
      datasetId: dataset!.id,
      studyId: study!.id,
      sha256: image,
      width: 8,
      height: 8,
      format: 'PNG',
      sourceFileName: 'a.png',
    });
    await db
      .insert(modelVersions)
      .values(stubModelVersion({ datasetId: dataset!.id, version: 1, weightsSha256: weights }));
    const cutoff = new Date();
    const past = new Date(cutoff.getTime() - 60_000);
    for (const sha256 of [image, weights, orphan])
      await utimes(join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256), past, past);
    await utimes(join(root, '.tmp-cut-short'), past, past);
    // Written after the cutoff: an import may be about to commit its row.
    const fresh = await blobs.put(new TextEncoder().encode('fresh'));
    await utimes(
      join(root, fresh.slice(0, 2), fresh.slice(2, 4), fresh),
      cutoff,
      new Date(cutoff.getTime() + 1000),
    );

    expect(await removeUnreferencedBlobs(db, blobs, { writtenBefore: cutoff })).toEqual({
      blobs: 1,
      temporaryFiles: 1,
    });
    const left = [];
    for await (const blob of blobs.list()) left.push(blob.sha256);
    expect(left.sort()).toEqual([image, weights, fresh].sort());
    expect((await readdir(root)).filter((name) => name.startsWith('.tmp-'))).toEqual([]);

    expect(await removeBlobIfUnreferenced(db, blobs, image)).toBe(false);
    expect(await removeBlobIfUnreferenced(db, blobs, fresh)).toBe(true);
    expect(await blobs.has(image)).toBe(true);
    expect(await blobs.has(fresh)).toBe(false);
  });
});
