import {
  annotations,
  cropBoxes,
  images,
  labels,
  lockBlob,
  removeBlobIfUnreferenced,
  sha256Hex,
  studies,
} from '@loupe/db';
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../app-context';
import type { CropBox } from '../import/crop';
import { findOrCreateCategory } from './find-or-create-category';
import type { AliasRule } from './match-alias';

/** One image ready to store: its bytes (the original file, or a de-identified DICOM frame as PNG) and what came with it. */
export type DecodedImage = {
  bytes: Uint8Array;
  format: 'PNG' | 'JPEG' | 'DICOM';
  width: number;
  height: number;
  bitDepth: number;
  channels: number;
  frameIndex: number | null;
  sourceFileName: string;
  studyKey: string;
  annotation?: string | undefined;
  label?: string | undefined;
  crop?: CropBox | undefined;
};

export type ImportImageOutcome = {
  outcome: 'imported' | 'present';
  imageId: string;
  sha256: string;
  /** Stored with a label: the manifest's, or an alias rule's for its annotation. */
  isLabelled: boolean;
};

/**
 * Stores one image and everything that came with it in one transaction. The blob is written first, so a row
 * never points at missing bytes; when the rows cannot be written the blob goes again (unless another row needs
 * it), and what a killed process leaves is removed at the next embedded start. A re-import of the same bytes
 * into the same dataset changes nothing.
 */
export async function importImage(
  ctx: AppContext,
  options: {
    datasetId: string;
    batchId: string;
    image: DecodedImage;
    matchAlias: (text: string) => AliasRule | undefined;
  },
): Promise<ImportImageOutcome> {
  const { datasetId, image } = options;
  const sha256 = sha256Hex(image.bytes);
  const existing = await findImageBySha(ctx, datasetId, sha256);
  if (existing) return { outcome: 'present', imageId: existing, sha256, isLabelled: false };
  await ctx.blobs.put(image.bytes);
  try {
    return await storeImage(ctx, options, sha256);
  } catch (error) {
    if (!(error instanceof AlreadyPresent)) {
      await removeBlobIfUnreferenced(ctx.database.db, ctx.blobs, sha256).catch((cleanupError) =>
        ctx.logger.warn({ err: cleanupError, sha256 }, 'could not remove the blob of an image not stored'),
      );
      throw error;
    }
    const imageId = (await findImageBySha(ctx, datasetId, sha256)) ?? '';
    return { outcome: 'present', imageId, sha256, isLabelled: false };
  }
}

class AlreadyPresent extends Error {}

async function storeImage(
  ctx: AppContext,
  options: Parameters<typeof importImage>[1],
  sha256: string,
): Promise<ImportImageOutcome> {
  const { db } = ctx.database;
  const { datasetId, image } = options;
  return db.transaction(async (tx) => {
    // Under the blob's lock no cleanup can remove the bytes before this row commits; the bytes are written
    // again if one did since they were first written.
    await lockBlob(tx, sha256);
    if (!(await ctx.blobs.has(sha256))) await ctx.blobs.put(image.bytes);
    await tx.insert(studies).values({ datasetId, key: image.studyKey }).onConflictDoNothing();
    const [study] = await tx
      .select({ id: studies.id })
      .from(studies)
      .where(and(eq(studies.datasetId, datasetId), eq(studies.key, image.studyKey)));
    if (!study) throw new Error(`Study ${image.studyKey} vanished during import`);
    const [inserted] = await tx
      .insert(images)
      .values({
        datasetId,
        studyId: study.id,
        sha256,
        width: image.width,
        height: image.height,
        format: image.format,
        bitDepth: image.bitDepth,
        channels: image.channels,
        sourceFileName: image.sourceFileName,
        frameIndex: image.frameIndex,
        importBatchId: options.batchId,
      })
      .onConflictDoNothing()
      .returning({ id: images.id });
    // Another import stored the same bytes meanwhile: undo the study row this transaction may have added.
    if (!inserted) throw new AlreadyPresent();
    const imageId = inserted.id;
    let isLabelled = false;
    if (image.annotation) {
      await tx.insert(annotations).values({ imageId, text: image.annotation });
      const rule = options.matchAlias(image.annotation);
      if (rule) {
        await tx
          .insert(labels)
          .values({ imageId, categoryId: rule.categoryId, source: 'TECHNOLOGIST', aliasId: rule.id });
        isLabelled = true;
      }
    }
    if (image.crop) await tx.insert(cropBoxes).values({ imageId, ...image.crop });
    if (image.label) {
      const category = await findOrCreateCategory(tx, { datasetId, name: image.label });
      await tx.insert(labels).values({ imageId, categoryId: category.id, source: 'IMPORT' });
      isLabelled = true;
    }
    return { outcome: 'imported' as const, imageId, sha256, isLabelled };
  });
}

async function findImageBySha(
  ctx: AppContext,
  datasetId: string,
  sha256: string,
): Promise<string | undefined> {
  const [row] = await ctx.database.db
    .select({ id: images.id })
    .from(images)
    .where(and(eq(images.datasetId, datasetId), eq(images.sha256, sha256)));
  return row?.id;
}
