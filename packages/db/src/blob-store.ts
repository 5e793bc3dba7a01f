import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Content-addressed storage for image bytes. A file system today; an object store can implement it later. */
export type BlobStore = {
  put: (bytes: Uint8Array) => Promise<string>;
  get: (sha256: string) => Promise<Buffer>;
  /**
   * The same bytes for answering a request at once: a blob of at most `maxSyncBytes` is read in one go
   * without waiting for the event loop, larger ones as `get` reads them. On a busy embedded server each of
   * the four steps of an asynchronous read (open, stat, read, close) waits its turn behind the database,
   * which costs far more than reading a few hundred kilobytes from the page cache.
   */
  getNow: (sha256: string, maxSyncBytes?: number) => Promise<Buffer>;
  has: (sha256: string) => Promise<boolean>;
  remove: (sha256: string) => Promise<void>;
  /** Every stored blob with the time it was written, for removing those no row references. */
  list: () => AsyncIterable<{ sha256: string; writtenAt: Date }>;
  /** Removes what writes cut short left behind (temporary files written before `writtenBefore`). */
  removeTemporaryFiles: (writtenBefore: Date) => Promise<number>;
};

export class BlobNotFoundError extends Error {
  readonly code = 'BLOB_NOT_FOUND';
  constructor(readonly sha256: string) {
    super(`No blob ${sha256}`);
  }
}

/** Why a blob could not be written: the disk is full, or the store's folder cannot be written. */
export class BlobWriteError extends Error {
  readonly code = 'BLOB_WRITE_FAILED';
  constructor(
    readonly reason: 'DISK_FULL' | 'UNWRITABLE',
    readonly systemCode: string,
    readonly root: string,
  ) {
    super(
      reason === 'DISK_FULL'
        ? `The disk holding the blob store ${root} is full (${systemCode}).`
        : `The blob store ${root} cannot be written (${systemCode}).`,
    );
  }
}

const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);
const UNWRITABLE_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'EISDIR']);

/** The typed error for a failed write of the store, or the error itself when it is not about the store's disk. */
function writeError(error: unknown, root: string): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return error;
  if (DISK_FULL_CODES.has(code)) return new BlobWriteError('DISK_FULL', code, root);
  if (UNWRITABLE_CODES.has(code)) return new BlobWriteError('UNWRITABLE', code, root);
  return error;
}

const TEMPORARY_PREFIX = '.tmp-';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Largest blob `getNow` reads without yielding: a few milliseconds from the page cache at most. */
const SYNC_READ_BYTES = 4 * 1024 * 1024;

function notFoundOr(error: unknown, sha256: string): unknown {
  return (error as { code?: string }).code === 'ENOENT' ? new BlobNotFoundError(sha256) : error;
}

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
      const temporary = join(root, `${TEMPORARY_PREFIX}${randomUUID()}`);
      try {
        await mkdir(join(target, '..'), { recursive: true });
        await writeFile(temporary, bytes, { flush: true });
        await rename(temporary, target);
      } catch (error) {
        // A write cut short (a full disk) leaves no partial file behind.
        await rm(temporary, { force: true }).catch(() => undefined);
        throw writeError(error, root);
      }
      return sha256;
    },
    get: async (sha256) => {
      try {
        return await readFile(pathOf(sha256));
      } catch (error) {
        throw notFoundOr(error, sha256);
      }
    },
    getNow: async (sha256, maxSyncBytes = SYNC_READ_BYTES) => {
      const path = pathOf(sha256);
      try {
        const size = statSync(path).size;
        return size <= maxSyncBytes ? readFileSync(path) : await readFile(path);
      } catch (error) {
        throw notFoundOr(error, sha256);
      }
    },
    remove: async (sha256) => {
      await rm(pathOf(sha256), { force: true });
    },
    list: async function* () {
      for (const first of await childNames(root)) {
        if (!/^[0-9a-f]{2}$/.test(first)) continue;
        for (const second of await childNames(join(root, first))) {
          if (!/^[0-9a-f]{2}$/.test(second)) continue;
          for (const name of await childNames(join(root, first, second))) {
            if (!SHA256_HEX.test(name) || !name.startsWith(first + second)) continue;
            const info = await stat(join(root, first, second, name)).catch(() => undefined);
            if (info?.isFile()) yield { sha256: name, writtenAt: info.mtime };
          }
        }
      }
    },
    removeTemporaryFiles: async (writtenBefore) => {
      let removed = 0;
      for (const name of await childNames(root)) {
        if (!name.startsWith(TEMPORARY_PREFIX)) continue;
        const info = await stat(join(root, name)).catch(() => undefined);
        if (!info || info.mtime >= writtenBefore) continue;
        await rm(join(root, name), { force: true });
        removed += 1;
      }
      return removed;
    },
  };
}

/** The names in a folder; none when it does not exist (an empty store). */
async function childNames(folder: string): Promise<string[]> {
  try {
    return (await readdir(folder)).sort();
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT' || (error as { code?: string }).code === 'ENOTDIR')
      return [];
    throw error;
  }
}
