import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, relative, resolve, sep } from 'node:path';
import { BlobWriteError, categoryAliases, importBatches } from '@loupe/db';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../app-context';
import { AppError, badInput } from '../errors';
import { ImportFileError, isImportFileError } from '../import/errors';
import { type ManifestColumns, parseManifest } from '../import/manifest';
import { scanFolder } from '../import/scan-folder';
import { decodeImportFile, type FrameSelection } from './decode-import-file';
import { findOrCreateCategory } from './find-or-create-category';
import { DEFAULT_DATASET_NAME, findOrCreateDataset, requireDataset } from './find-or-create-dataset';
import { importImage } from './import-image';
import { compileAliasRules } from './match-alias';

/**
 * New images are embedded and predicted with the current model right away (when a worker runs); when some
 * came with labels, a training run follows the embedding.
 */
async function requestEmbedding(ctx: AppContext, datasetId: string, hasLabels: boolean): Promise<void> {
  try {
    const queued = await ctx.jobs?.enqueue('embed', {
      datasetId,
      reason: 'images imported',
      retrainAfter: hasLabels,
    });
    // The request coalesced into an embedding that already waits, which may not train afterwards: ask now.
    if (queued === null && hasLabels)
      await ctx.jobs?.enqueue('retrain', { datasetId, reason: 'labelled images imported' });
  } catch (error) {
    ctx.logger.error({ err: error, datasetId }, 'could not enqueue embedding after an import');
  }
}

const IMPORT_CONCURRENCY = 4;

export type ImportFolderOptions = {
  folder: string;
  manifestPath?: string | undefined;
  datasetName?: string | undefined;
  /** Who imports: recorded with the import. */
  authorId?: string | undefined;
  /** An existing dataset (NOT_FOUND otherwise); wins over datasetName. */
  datasetId?: string | undefined;
  columns?: ManifestColumns;
  frames?: FrameSelection;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Uploaded files, by their path in the folder: manifest rows naming other files are counted in
   * `manifestRowsWithoutFile` rather than failed (a large upload comes in several requests, each with the
   * manifest), and listed files no row names are skipped.
   */
  uploaded?: { files: ReadonlySet<string>; failures: ImportFailure[]; source: string; manifestName?: string };
};

export type ImportProgress = {
  done: number;
  total: number;
  file: string;
  outcome: 'imported' | 'present' | 'failed';
};

export type ImportFailure = { file: string; line?: number | undefined; code: string; message: string };

export type ImportReport = {
  datasetId: string;
  datasetName: string;
  batchId: string;
  files: number;
  imported: number;
  alreadyPresent: number;
  failed: number;
  failures: ImportFailure[];
  /** Entries of the folder that are not images (other file types, links leaving the folder). */
  skipped: { file: string; reason: string }[];
  /** Manifest rows naming a file that was not uploaded with it (always 0 for a folder import). */
  manifestRowsWithoutFile: number;
  /** Manifest rows naming a file that is here (with a folder import, every row that names a file). */
  manifestRowsMatched: number;
  durationMs: number;
};

type PlannedFile = {
  path: string;
  displayName: string;
  line?: number;
  /** The manifest's study column: wins over everything else. */
  study?: string | undefined;
  /** The study from the file's folder: used when neither the manifest nor a DICOM header names one. */
  fallbackStudy: string;
  annotation?: string | undefined;
  label?: string | undefined;
  crop?: { x: number; y: number; width: number; height: number } | undefined;
};

/** `loupe import`: every file in its own transaction; a bad file is reported with its reason and skipped. */
export async function importFolder(ctx: AppContext, options: ImportFolderOptions): Promise<ImportReport> {
  const started = Date.now();
  const folder = resolve(options.folder);
  if (!(await stat(folder).catch(() => undefined))?.isDirectory())
    throw badInput(`${options.folder} is not a folder.`);
  const { db } = ctx.database;
  const failures: ImportFailure[] = [...(options.uploaded?.failures ?? [])];
  const skipped: ImportReport['skipped'] = [];
  const existing = options.datasetId ? await requireDataset(db, options.datasetId) : undefined;
  // Planning writes nothing, so a manifest refused as a whole leaves the database as it was.
  let planned = options.manifestPath
    ? await planFromManifest(
        folder,
        resolve(options.manifestPath),
        options.columns ?? {},
        failures,
        options.uploaded?.manifestName,
      )
    : await planFromFolder(folder, skipped, failures);
  let manifestRowsWithoutFile = 0;
  if (options.uploaded && options.manifestPath) {
    const { files } = options.uploaded;
    const rows = planned.map((file) => ({ file, inFolder: relative(folder, file.path) }));
    const named = new Set(rows.map((row) => row.inFolder));
    planned = rows.filter((row) => files.has(row.inFolder)).map((row) => row.file);
    manifestRowsWithoutFile = rows.length - planned.length;
    for (const file of [...files].filter((path) => !named.has(path)).sort())
      skipped.push({ file, reason: 'not named in the manifest' });
  }
  const dataset =
    existing ?? (await findOrCreateDataset(db, { name: options.datasetName ?? DEFAULT_DATASET_NAME }));
  const [batch] = await db
    .insert(importBatches)
    .values({
      datasetId: dataset.id,
      source: options.uploaded?.source ?? folder,
      createdBy: options.authorId ?? null,
    })
    .returning({ id: importBatches.id });
  // Categories are created in manifest order first, so a name's spelling is its first row's, however files race.
  for (const label of new Set(planned.flatMap((file) => (file.label ? [file.label] : [])))) {
    await findOrCreateCategory(db, { datasetId: dataset.id, name: label });
  }
  const aliasRows = await db.select().from(categoryAliases).where(eq(categoryAliases.datasetId, dataset.id));
  const matchAlias = compileAliasRules(aliasRows);
  const counts = { imported: 0, alreadyPresent: 0, labelled: 0 };
  let done = 0;
  let next = 0;
  // A blob store that cannot be written (a full disk) fails every file alike: the import stops at the first.
  let storageError: BlobWriteError | undefined;
  // Decoding runs off the main thread (sharp), so a few files in flight keep both cores busy.
  const importNext = async (): Promise<void> => {
    while (next < planned.length && !storageError) {
      const file = planned[next++]!;
      const outcome = await importOneFile(ctx, {
        file,
        datasetId: dataset.id,
        batchId: batch!.id,
        matchAlias,
        options,
      });
      if (outcome.failure) failures.push(outcome.failure);
      counts.imported += outcome.imported;
      counts.alreadyPresent += outcome.present;
      counts.labelled += outcome.labelled;
      done += 1;
      const status = outcome.failure ? 'failed' : outcome.imported > 0 ? 'imported' : 'present';
      options.onProgress?.({ done, total: planned.length, file: file.displayName, outcome: status });
    }
  };
  const importOrStop = () =>
    importNext().catch((error: unknown) => {
      if (!(error instanceof BlobWriteError)) throw error;
      storageError ??= error;
    });
  await Promise.all(Array.from({ length: IMPORT_CONCURRENCY }, importOrStop));
  failures.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.file.localeCompare(b.file));
  const report: ImportReport = {
    datasetId: dataset.id,
    datasetName: dataset.name,
    batchId: batch!.id,
    files: planned.length + (options.uploaded?.failures.length ?? 0),
    imported: counts.imported,
    alreadyPresent: counts.alreadyPresent,
    failed: failures.length,
    failures,
    skipped,
    manifestRowsWithoutFile,
    manifestRowsMatched: options.manifestPath ? planned.length : 0,
    durationMs: Date.now() - started,
  };
  if (report.imported > 0) await requestEmbedding(ctx, dataset.id, counts.labelled > 0);
  await db
    .update(importBatches)
    .set({
      finishedAt: new Date(),
      importedCount: report.imported,
      presentCount: report.alreadyPresent,
      failedCount: report.failed,
      report: { failures: failures.slice(0, 1000), skipped: skipped.slice(0, 1000) },
    })
    .where(eq(importBatches.id, batch!.id));
  if (storageError)
    throw new AppError(
      'IMPORT_FAILED',
      `The import stopped: ${storageError.message} The images stored before are kept whole and nothing of ` +
        'the others was written; free space or fix the folder, then run the import again.',
      storageError.systemCode,
    );
  return report;
}

async function importOneFile(
  ctx: AppContext,
  args: {
    file: PlannedFile;
    datasetId: string;
    batchId: string;
    matchAlias: ReturnType<typeof compileAliasRules>;
    options: ImportFolderOptions;
  },
): Promise<{ imported: number; present: number; labelled: number; failure?: ImportFailure }> {
  const { file } = args;
  // Each image (each frame of a DICOM file) commits on its own: a failure keeps the count of those stored before it.
  let imported = 0;
  let present = 0;
  let labelled = 0;
  try {
    const { size } = await stat(file.path);
    if (size > ctx.settings.maxUploadBytes)
      throw new ImportFileError(
        'TOO_LARGE',
        `The file has ${size} bytes, more than the limit of ${ctx.settings.maxUploadBytes} (LOUPE_MAX_UPLOAD_BYTES).`,
      );
    const bytes = await readFile(file.path);
    const decoded = await decodeImportFile(bytes, {
      fileName: file.displayName,
      studyKey: file.study,
      fallbackStudyKey: file.fallbackStudy,
      frames: args.options.frames ?? 'all',
      uidSalt: ctx.uidSalt,
      maxDimension: ctx.settings.maxImageDimension,
      annotation: file.annotation,
      label: file.label,
      crop: file.crop,
    });
    for (const image of decoded) {
      const result = await importImage(ctx, {
        datasetId: args.datasetId,
        batchId: args.batchId,
        image,
        matchAlias: args.matchAlias,
      });
      if (result.outcome === 'imported') imported += 1;
      else present += 1;
      if (result.isLabelled) labelled += 1;
    }
    return { imported, present, labelled };
  } catch (error) {
    if (error instanceof BlobWriteError) throw error;
    if (isImportFileError(error) || error instanceof AppError) {
      const message = error instanceof AppError ? error.userMessage : error.message;
      return {
        imported,
        present,
        labelled,
        failure: { file: file.displayName, line: file.line, code: error.code, message },
      };
    }
    if ((error as { code?: string }).code === 'ENOENT') {
      return {
        imported,
        present,
        labelled,
        failure: {
          file: file.displayName,
          line: file.line,
          code: 'FILE_NOT_FOUND',
          message: 'The file does not exist.',
        },
      };
    }
    ctx.logger.error({ err: error, file: file.displayName }, 'import of a file failed unexpectedly');
    return {
      imported,
      present,
      labelled,
      failure: {
        file: file.displayName,
        line: file.line,
        code: 'INTERNAL',
        message: `Unexpected error: ${(error as Error).message}`,
      },
    };
  }
}

/** Control characters (terminal escapes, line breaks) in a file name. */
export const CONTROL_CHARACTER = /\p{Cc}/u;

/** The name with each control character written as `\uXXXX`, safe to print and to store. */
export const escapeControls = (name: string) =>
  name.replace(/\p{Cc}/gu, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

const badFileName = (name: string, line?: number): ImportFailure => ({
  file: escapeControls(name),
  line,
  code: 'BAD_FILE_NAME',
  message: 'The file name holds control characters; rename the file.',
});

async function planFromFolder(
  folder: string,
  skipped: ImportReport['skipped'],
  failures: ImportFailure[],
): Promise<PlannedFile[]> {
  const files = await scanFolder(folder, {
    onSkip: (entry) => skipped.push({ file: escapeControls(entry.relativePath), reason: entry.reason }),
  });
  const planned: PlannedFile[] = [];
  for (const file of files) {
    if (CONTROL_CHARACTER.test(file.relativePath)) failures.push(badFileName(file.relativePath));
    else
      planned.push({ path: file.path, displayName: file.relativePath, fallbackStudy: file.studyFromFolder });
  }
  return planned;
}

async function planFromManifest(
  folder: string,
  manifestPath: string,
  columns: ManifestColumns,
  failures: ImportFailure[],
  displayName?: string,
): Promise<PlannedFile[]> {
  const text = await readFile(manifestPath, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new AppError(
      'BAD_INPUT',
      `Cannot read the manifest ${displayName ?? manifestPath}: ${error.code ?? error.message}`,
    );
  });
  const parsed = parseManifest(text, columns);
  const manifestName = displayName ?? basename(manifestPath);
  // Problems with the header (line 1) leave no row to import: the whole import is refused.
  const headerProblem =
    parsed.rows.length === 0 ? parsed.errors.find((error) => error.line === 1) : undefined;
  if (headerProblem) throw badInput(`The manifest ${manifestName} cannot be used: ${headerProblem.message}`);
  for (const error of parsed.errors)
    failures.push({ file: manifestName, line: error.line, code: 'BAD_MANIFEST_ROW', message: error.message });
  const base = dirname(manifestPath);
  const planned: PlannedFile[] = [];
  for (const row of parsed.rows) {
    if (CONTROL_CHARACTER.test(row.file)) {
      failures.push(badFileName(row.file, row.line));
      continue;
    }
    const path = resolve(base, row.file);
    const inside = relative(folder, path);
    if (inside.startsWith(`..${sep}`) || inside === '..' || resolve(folder, inside) !== path) {
      failures.push({
        file: row.file,
        line: row.line,
        code: 'OUTSIDE_FOLDER',
        message: 'The path leaves the import folder.',
      });
      continue;
    }
    planned.push({
      path,
      displayName: row.file,
      line: row.line,
      study: row.study,
      fallbackStudy: defaultStudyFor(inside),
      annotation: row.annotation,
      label: row.label,
      crop: row.crop,
    });
  }
  return planned;
}

/** Without a study column, a file's first folder is its study (or the file itself at the top level). */
function defaultStudyFor(relativePath: string): string {
  const parts = relativePath.split(sep);
  return parts.length > 1 ? parts[0]! : basename(relativePath, extname(relativePath));
}
