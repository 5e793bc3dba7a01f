import { describe, expect, it } from 'vitest';
import { relativePathOf, selectImportFiles } from './import-selection';

const picked = (webkitRelativePath: string, size = 10) => ({
  name: webkitRelativePath.split('/').at(-1)!,
  size,
  webkitRelativePath,
});

describe('relativePathOf', () => {
  it('drops the picked folder’s own name', () => {
    expect(relativePathOf(picked('scans/study-12/img-3.png'))).toBe('study-12/img-3.png');
    expect(relativePathOf(picked('scans/a/b/c.dcm'))).toBe('a/b/c.dcm');
    expect(relativePathOf(picked('scans/top.png'))).toBe('top.png');
  });

  it('uses the name of a file picked on its own', () => {
    expect(relativePathOf({ name: 'img-3.png', size: 1, webkitRelativePath: '' })).toBe('img-3.png');
    expect(relativePathOf({ name: 'img-3.png', size: 1 })).toBe('img-3.png');
  });
});

describe('selectImportFiles', () => {
  it('sends images and extensionless files, in path order, and offers CSV files as the manifest', () => {
    const files = [
      picked('root/b/2.JPG'),
      picked('root/a/1.png'),
      picked('root/a/IM0001'),
      picked('root/c/x.dcm'),
      picked('root/c/y.jpeg'),
      picked('root/manifest.csv'),
      picked('root/notes.txt'),
      picked('root/c/DICOMDIR'),
    ];
    const selection = selectImportFiles(files);
    expect(selection.uploads.map((upload) => upload.path)).toEqual([
      'a/1.png',
      'a/IM0001',
      'b/2.JPG',
      'c/x.dcm',
      'c/y.jpeg',
    ]);
    expect(selection.uploads[0]!.file).toBe(files[1]);
    expect(selection.manifests.map((manifest) => manifest.path)).toEqual(['manifest.csv']);
    expect(selection.skipped).toEqual([
      { file: 'notes.txt', reason: 'not a PNG, JPEG or DICOM file name' },
      { file: 'c/DICOMDIR', reason: 'a DICOM directory index, not an image' },
    ]);
  });

  it('leaves hidden files and folders out silently, as loupe import does', () => {
    const selection = selectImportFiles([
      picked('root/.DS_Store'),
      picked('root/.git/HEAD'),
      picked('root/a/.x.png'),
    ]);
    expect(selection).toEqual({ uploads: [], skipped: [], manifests: [] });
  });
});
