/** A file the user picked, with its path relative to the picked folder (its own name when picked alone). */
export type PickedFile<TFile = File> = { file: TFile; path: string };

/** A picked file that is not sent, and why. */
export type LocalSkip = { file: string; reason: string };

/** What a pick holds: the files to upload, the ones left out, and the CSV files that may be a manifest. */
export type ImportSelection<TFile = File> = {
  uploads: PickedFile<TFile>[];
  skipped: LocalSkip[];
  manifests: PickedFile<TFile>[];
};

type NamedFile = { name: string; size: number; webkitRelativePath?: string };

/** The extensions `loupe import` reads; a file without one may be DICOM. */
const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'dcm', 'dicom', '']);

/**
 * A file's path below the folder the user picked: `webkitRelativePath` starts with that folder's own name,
 * which is no study, so it goes. A file picked on its own has no relative path: its name is its path.
 */
export function relativePathOf(file: NamedFile): string {
  const parts = (file.webkitRelativePath ?? '').split('/').filter(Boolean);
  return parts.length > 1 ? parts.slice(1).join('/') : file.name;
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Sorts picked files as `loupe import` sorts a folder; hidden files and folders are left out silently. */
export function selectImportFiles<TFile extends NamedFile>(files: Iterable<TFile>): ImportSelection<TFile> {
  const selection: ImportSelection<TFile> = { uploads: [], skipped: [], manifests: [] };
  for (const file of files) {
    const path = relativePathOf(file);
    const parts = path.split('/');
    const name = parts.at(-1) ?? '';
    if (parts.some((part) => part.startsWith('.'))) continue;
    const extension = extensionOf(name);
    if (extension === 'csv') {
      selection.manifests.push({ file, path });
    } else if (name.toUpperCase() === 'DICOMDIR') {
      selection.skipped.push({ file: path, reason: 'a DICOM directory index, not an image' });
    } else if (!IMAGE_EXTENSIONS.has(extension)) {
      selection.skipped.push({ file: path, reason: 'not a PNG, JPEG or DICOM file name' });
    } else {
      selection.uploads.push({ file, path });
    }
  }
  selection.uploads.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return selection;
}
