import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FileUpload } from 'graphql-upload/processRequest.mjs';
import type { AppContext } from '../app-context';
import { AppError, badInput } from '../errors';
import type { ManifestColumns } from '../import/manifest';
import type { FrameSelection } from './decode-import-file';
import {
  CONTROL_CHARACTER,
  escapeControls,
  type ImportFailure,
  type ImportReport,
  importFolder,
} from './import-folder';

export type ImportUploadsOptions = {
  authorId?: string;
  datasetId?: string;
  datasetName?: string;
  files: Promise<FileUpload>[];
  /** Each file's path in the imported folder, in the order of `files`; a file's own name otherwise. */
  paths?: string[];
  manifest?: Promise<FileUpload> | undefined;
  columns?: ManifestColumns;
  frames?: FrameSelection;
};

/** The most files one upload request may carry. */
export const MAX_UPLOAD_FILES = 1000;

/** Longest name of one folder or file, in bytes (what common file systems allow). */
const MAX_NAME_BYTES = 255;

/**
 * An uploaded file's name as a path inside the upload folder: its folders kept (a study each, as for
 * `loupe import`), separators of either kind accepted. Undefined for a name that is empty, leaves the
 * folder (`..`), holds control characters or a part too long to store.
 */
export function uploadPath(filename: string): string | undefined {
  if (CONTROL_CHARACTER.test(filename)) return undefined;
  const parts = filename.split(/[\\/]+/).filter((part) => part !== '' && part !== '.');
  if (parts.length === 0 || parts.includes('..')) return undefined;
  if (parts.some((part) => Buffer.byteLength(part) > MAX_NAME_BYTES)) return undefined;
  return parts.join(sep);
}

/** Whether graphql-upload refused a file for being larger than its cap. */
const isTooLarge = (error: unknown) => (error as { status?: number }).status === 413;

/** Writes one upload to `path`; a file over the cap is removed and reported, an aborted request throws. */
async function storeUpload(
  upload: FileUpload,
  name: string,
  path: string,
  maxBytes: number,
): Promise<ImportFailure | undefined> {
  await mkdir(dirname(path), { recursive: true });
  try {
    await pipeline(upload.createReadStream(), createWriteStream(path, { flags: 'wx' }));
    return undefined;
  } catch (error) {
    await rm(path, { force: true });
    if (isTooLarge(error))
      return {
        file: name,
        code: 'TOO_LARGE',
        message: `The file is larger than the limit of ${maxBytes} bytes (LOUPE_MAX_UPLOAD_BYTES).`,
      };
    throw new AppError('BAD_INPUT', `The upload of ${escapeControls(name)} did not arrive whole.`);
  }
}

/**
 * `importFiles`: the uploaded files go into a scratch folder under their own names, and from there through
 * the same import as `loupe import` (each image in its own transaction, a bad file reported and skipped).
 * A file that cannot be stored under its name (a path leaving the folder, a second file of the same name, one
 * over the size cap) is reported too and the others go in. The scratch folder is removed afterwards.
 */
export async function importUploads(ctx: AppContext, options: ImportUploadsOptions): Promise<ImportReport> {
  if (options.files.length === 0) throw badInput('Send at least one file.');
  if (options.files.length > MAX_UPLOAD_FILES)
    throw badInput(`Send at most ${MAX_UPLOAD_FILES} files in one request.`);
  if (options.paths && options.paths.length !== options.files.length)
    throw badInput(
      `paths has ${options.paths.length} entries for ${options.files.length} files: give one per file.`,
    );
  const root = await mkdtemp(join(tmpdir(), 'loupe-upload-'));
  const folder = join(root, 'files');
  const maxBytes = ctx.settings.maxUploadBytes;
  try {
    await mkdir(folder);
    const failures: ImportFailure[] = [];
    const stored = new Set<string>();
    for (const [index, pending] of options.files.entries()) {
      const upload = await pending;
      const name = options.paths?.[index] ?? upload.filename;
      const path = uploadPath(name);
      if (!path) {
        failures.push({
          file: escapeControls(name),
          code: 'BAD_FILE_NAME',
          message: 'The file name is empty, leaves its folder (..), holds control characters or is too long.',
        });
        upload.createReadStream().resume();
        continue;
      }
      if (stored.has(path)) {
        failures.push({
          file: name,
          code: 'DUPLICATE_FILE',
          message: 'Another file of this request has the same name; only the first was imported.',
        });
        upload.createReadStream().resume();
        continue;
      }
      const failure = await storeUpload(upload, name, join(folder, path), maxBytes);
      if (failure) failures.push(failure);
      else stored.add(path);
    }
    let manifestPath: string | undefined;
    let manifestName: string | undefined;
    if (options.manifest) {
      const manifest = await options.manifest;
      manifestName = escapeControls(manifest.filename) || 'manifest';
      // In the upload folder, so its rows name files as the upload named them, under a name no upload has.
      manifestPath = join(folder, `.manifest-${randomUUID()}.csv`);
      const failure = await storeUpload(manifest, manifestName, manifestPath, maxBytes);
      if (failure) throw badInput(`The manifest ${manifestName}: ${failure.message}`);
    }
    return await importFolder(ctx, {
      folder,
      manifestPath,
      authorId: options.authorId,
      datasetId: options.datasetId,
      datasetName: options.datasetName,
      ...(options.columns ? { columns: options.columns } : {}),
      ...(options.frames ? { frames: options.frames } : {}),
      uploaded: {
        files: stored,
        failures,
        source: `upload of ${options.files.length} file(s)`,
        ...(manifestName ? { manifestName } : {}),
      },
    });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
