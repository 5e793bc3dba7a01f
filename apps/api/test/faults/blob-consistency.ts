import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DatabaseHandle, sha256Hex } from '@loupe/db';

export type BlobConsistency = {
  /** Image rows whose bytes are not in the store (or are not the bytes their hash names). */
  missing: string[];
  /** Blobs in the store that no image or model version points at. */
  orphans: string[];
  /** Temporary files of writes that never finished. */
  temporaryFiles: string[];
  images: number;
  blobs: number;
};

/** Compares the blob folder, file by file, with the rows that point into it. */
export async function checkBlobs(database: DatabaseHandle, blobDir: string): Promise<BlobConsistency> {
  const entries = await readdir(blobDir, { recursive: true, withFileTypes: true }).catch(() => []);
  const stored = new Map<string, string>();
  const temporaryFiles: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if (entry.name.startsWith('.tmp-')) temporaryFiles.push(path);
    else stored.set(entry.name, path);
  }
  const { rows: imageRows } = await database.executeSql('select distinct sha256 from images');
  const { rows: weightRows } = await database.executeSql(
    'select distinct weights_sha256 as sha256 from model_versions',
  );
  const referenced = new Set([...imageRows, ...weightRows].map((row) => String(row.sha256)));
  const missing: string[] = [];
  for (const row of imageRows) {
    const sha256 = String(row.sha256);
    const path = stored.get(sha256);
    if (!path || sha256Hex(await readFile(path)) !== sha256) missing.push(sha256);
  }
  return {
    missing,
    orphans: [...stored.keys()].filter((sha256) => !referenced.has(sha256)),
    temporaryFiles,
    images: imageRows.length,
    blobs: stored.size,
  };
}
