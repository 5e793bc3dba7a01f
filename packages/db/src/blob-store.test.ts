import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlobNotFoundError, createFileBlobStore, sha256Hex } from './blob-store';

describe('file blob store', () => {
  it('stores bytes under their SHA-256 and reads them back', async () => {
    const root = await mkdtemp(join(tmpdir(), 'loupe-blobs-'));
    const store = createFileBlobStore(root);
    const bytes = new TextEncoder().encode('speckle');
    const sha = await store.put(bytes);
    expect(sha).toBe(sha256Hex(bytes));
    expect(await store.has(sha)).toBe(true);
    expect(Buffer.from(await store.get(sha)).toString()).toBe('speckle');
    expect(await store.put(bytes)).toBe(sha);
    const leftovers = (await readdir(root)).filter((name) => name.startsWith('.tmp-'));
    expect(leftovers).toEqual([]);
  });

  it('reports a missing or malformed address as not found', async () => {
    const store = createFileBlobStore(await mkdtemp(join(tmpdir(), 'loupe-blobs-')));
    await expect(store.get('0'.repeat(64))).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(store.get('../../etc/passwd')).rejects.toBeInstanceOf(BlobNotFoundError);
    expect(await store.has('../x')).toBe(false);
    await expect(store.getNow('0'.repeat(64))).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(store.getNow('../../etc/passwd')).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('reads a blob at once up to a size, and larger ones as get does, with the same bytes', async () => {
    const store = createFileBlobStore(await mkdtemp(join(tmpdir(), 'loupe-blobs-')));
    const bytes = new Uint8Array(10_000).map((_, i) => (i * 7) % 251);
    const sha = await store.put(bytes);
    expect(new Uint8Array(await store.getNow(sha))).toEqual(bytes);
    expect(new Uint8Array(await store.getNow(sha, 100))).toEqual(bytes);
    // Within the limit the read finishes before the loop's next turn; over it, it waits for the file system.
    const order: string[] = [];
    const turn = new Promise<void>((done) => setImmediate(() => done(void order.push('turn'))));
    await store.getNow(sha).then(() => order.push('small'));
    await Promise.all([store.getNow(sha, 100).then(() => order.push('large')), turn]);
    expect(order).toEqual(['small', 'turn', 'large']);
  });
});
