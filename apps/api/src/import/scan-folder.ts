import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';

export type ScannedFile = {
  /** absolute path to read the file from */
  path: string;
  /** path below the import folder, with `/` separators */
  relativePath: string;
  /** the first-level folder, or the file name without extension for files at the top level */
  studyFromFolder: string;
};

export type SkippedEntry = { relativePath: string; reason: string };

export type ScanOptions = {
  /** the manifest, left out of the scan */
  manifestPath?: string;
  /** told about every file left out for a reason worth reporting (hidden files are left out silently) */
  onSkip?: (entry: SkippedEntry) => void;
};

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.dcm', '.dicom', '']);

const isInside = (root: string, path: string) => {
  const below = relative(root, path);
  return below === '' || (!below.startsWith(`..${sep}`) && below !== '..' && resolve(root, below) === path);
};

type Walk = {
  root: string;
  manifest: string | undefined;
  visited: Set<string>;
  files: ScannedFile[];
  options: ScanOptions;
};

function studyFor(parts: string[]): string {
  const [first, ...rest] = parts;
  if (rest.length > 0 || first === undefined) return first ?? '';
  const extension = extname(first);
  return extension === '' ? first : first.slice(0, -extension.length);
}

/** Where an entry really is, or why it is left out: a link that is broken or leads outside the folder. */
async function resolveEntry(
  walk: Walk,
  path: string,
  entry: Dirent,
): Promise<{ real: string; isDirectory: boolean } | string> {
  if (!entry.isSymbolicLink()) return { real: path, isDirectory: entry.isDirectory() };
  const real = await realpath(path).catch(() => null);
  if (real === null) return 'the link is broken';
  if (!isInside(walk.root, real)) return 'the link leads outside the import folder';
  return { real, isDirectory: (await stat(real)).isDirectory() };
}

function addFile(walk: Walk, path: string, real: string, parts: string[]) {
  const relativePath = parts.join('/');
  const name = parts.at(-1) ?? '';
  if (real === walk.manifest) return;
  if (name.toUpperCase() === 'DICOMDIR') {
    walk.options.onSkip?.({ relativePath, reason: 'a DICOM directory index, not an image' });
  } else if (!IMAGE_EXTENSIONS.has(extname(name).toLowerCase())) {
    walk.options.onSkip?.({ relativePath, reason: 'not a PNG, JPEG or DICOM file name' });
  } else {
    walk.files.push({ path, relativePath, studyFromFolder: studyFor(parts) });
  }
}

async function walkFolder(walk: Walk, folder: string, real: string, parts: string[]): Promise<void> {
  if (walk.visited.has(real)) return;
  walk.visited.add(real);
  const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    const entryParts = [...parts, entry.name];
    const resolved = await resolveEntry(walk, path, entry);
    if (typeof resolved === 'string')
      walk.options.onSkip?.({ relativePath: entryParts.join('/'), reason: resolved });
    else if (resolved.isDirectory) await walkFolder(walk, path, resolved.real, entryParts);
    else addFile(walk, path, resolved.real, entryParts);
  }
}

/**
 * Lists the image files below `root` (PNG, JPEG, DICOM by extension, and files without one, which may be
 * DICOM), in a stable order. Hidden files and folders are skipped; links are followed only inside `root`.
 */
export async function scanFolder(root: string, options: ScanOptions = {}): Promise<ScannedFile[]> {
  const realRoot = await realpath(resolve(root));
  const manifest = options.manifestPath
    ? await realpath(resolve(options.manifestPath)).catch(() => undefined)
    : undefined;
  const walk: Walk = { root: realRoot, manifest, visited: new Set(), files: [], options };
  await walkFolder(walk, resolve(root), realRoot, []);
  return walk.files;
}
