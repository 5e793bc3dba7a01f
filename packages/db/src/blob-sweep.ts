import { inArray, sql } from 'drizzle-orm';
import type { BlobStore } from './blob-store';
import type { Database } from './client';
import { images, modelVersions } from './schema';

type Executor = Pick<Database, 'execute' | 'selectDistinct'>;

/**
 * Serialises writing a row that points at a blob with removing that blob: both take this lock in their
 * transaction, and the writer makes sure the blob exists while it holds it.
 */
export async function lockBlob(tx: Pick<Database, 'execute'>, sha256: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`blob:${sha256}`}))`);
}

/** The blobs of `sha256s` that a row points at (an image's bytes, a model version's weights). */
async function referencedBlobs(db: Executor, sha256s: string[]): Promise<Set<string>> {
  if (sha256s.length === 0) return new Set();
  const [imageRows, weightRows] = await Promise.all([
    db.selectDistinct({ sha256: images.sha256 }).from(images).where(inArray(images.sha256, sha256s)),
    db
      .selectDistinct({ sha256: modelVersions.weightsSha256 })
      .from(modelVersions)
      .where(inArray(modelVersions.weightsSha256, sha256s)),
  ]);
  return new Set([...imageRows, ...weightRows].map((row) => row.sha256));
}

/** Removes a blob unless a row points at it; true when it was removed. */
export async function removeBlobIfUnreferenced(
  db: Database,
  blobs: BlobStore,
  sha256: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockBlob(tx, sha256);
    if ((await referencedBlobs(tx, [sha256])).has(sha256)) return false;
    await blobs.remove(sha256);
    return true;
  });
}

const BATCH = 500;

/**
 * Removes the blobs written before `writtenBefore` that no row points at, and the temporary files of writes
 * cut short: what a process killed between writing an image's bytes and committing its rows leaves behind.
 */
export async function removeUnreferencedBlobs(
  db: Database,
  blobs: BlobStore,
  options: { writtenBefore: Date },
): Promise<{ blobs: number; temporaryFiles: number }> {
  const temporaryFiles = await blobs.removeTemporaryFiles(options.writtenBefore);
  let removed = 0;
  let batch: string[] = [];
  const sweep = async () => {
    const referenced = await referencedBlobs(db, batch);
    for (const sha256 of batch) {
      if (!referenced.has(sha256) && (await removeBlobIfUnreferenced(db, blobs, sha256))) removed += 1;
    }
    batch = [];
  };
  for await (const blob of blobs.list()) {
    if (blob.writtenAt >= options.writtenBefore) continue;
    batch.push(blob.sha256);
    if (batch.length >= BATCH) await sweep();
  }
  await sweep();
  return { blobs: removed, temporaryFiles };
}
