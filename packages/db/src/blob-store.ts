import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Content-addressed storage for image bytes. A file system today; an object store can implement it later. */
export type BlobStore = {
  put: (bytes: Uint8Array) => Promise<string>;
  get: (sha256: string) => Promise<Buffer>;
  has: (sha256: string) => Promise<boolean>;
  remove: (sha256: string) => Promise<void>;
};

export class BlobNotFoundError extends Error {
  readonly code = 'BLOB_NOT_FOUND';
  constructor(readonly sha256: string) {
    super(`No blob ${sha256}`);
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Blobs as files under `root/ab/cd/<sha256>`, written to a temporary name and renamed into place. */
export function createFileBlobStore(root: string): BlobStore {
  const pathOf = (sha256: string) => {
    if (!SHA256_HEX.test(sha256)) throw new BlobNotFoundError(sha256);
    return join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };
  const has = async (sha256: string) => {
    try {
      return (await stat(pathOf(sha256))).isFile();
    } catch {
      return false;
    }
  };
  return {
    has,
    put: async (bytes) => {
      const sha256 = sha256Hex(bytes);
      if (await has(sha256)) return sha256;
      const target = pathOf(sha256);
      await mkdir(join(target, '..'), { recursive: true });
      const temporary = join(root, `.tmp-${randomUUID()}`);
      try {
        await writeFile(temporary, bytes, { flush: true });
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      return sha256;
    },
    get: async (sha256) => {
      try {
        return await readFile(pathOf(sha256));
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') throw new BlobNotFoundError(sha256);
        throw error;
      }
    },
    remove: async (sha256) => {
      await rm(pathOf(sha256), { force: true });
    },
  };
}
