import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type SkippedEntry, scanFolder } from './scan-folder';

async function makeTree(files: string[]): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'loupe-scan-'));
  for (const file of files) {
    await mkdir(join(root, file, '..'), { recursive: true });
    await writeFile(join(root, file), file);
  }
  return root;
}

describe('scanFolder', () => {
  it('lists image files recursively with their study, skipping hidden entries and the manifest', async () => {
    const root = await makeTree([
      'top.png',
      'Scan 2.JPEG',
      '.hidden.png',
      '.git/config.png',
      'manifest.csv',
      'notes.txt',
      'studyA/img1.dcm',
      'studyA/series/deep.jpg',
      'studyB/IM000001',
      'studyB/DICOMDIR',
    ]);
    const skipped: SkippedEntry[] = [];
    const files = await scanFolder(root, {
      manifestPath: join(root, 'manifest.csv'),
      onSkip: (entry) => skipped.push(entry),
    });
    expect(files.map(({ relativePath, studyFromFolder }) => [relativePath, studyFromFolder])).toEqual([
      ['Scan 2.JPEG', 'Scan 2'],
      ['studyA/img1.dcm', 'studyA'],
      ['studyA/series/deep.jpg', 'studyA'],
      ['studyB/IM000001', 'studyB'],
      ['top.png', 'top'],
    ]);
    expect(files[0]?.path).toBe(join(root, 'Scan 2.JPEG'));
    expect(skipped).toEqual([
      { relativePath: 'notes.txt', reason: 'not a PNG, JPEG or DICOM file name' },
      { relativePath: 'studyB/DICOMDIR', reason: 'a DICOM directory index, not an image' },
    ]);
  });

  it('follows links inside the folder once and refuses links that lead outside', async () => {
    const outside = await makeTree(['secret.png', 'private/a.png']);
    const root = await makeTree(['studyA/img1.png']);
    await symlink(join(outside, 'secret.png'), join(root, 'escape.png'));
    await symlink(join(outside, 'private'), join(root, 'escapeDir'));
    await symlink(join(root, 'studyA'), join(root, 'studyB'));
    await symlink(root, join(root, 'studyA', 'loop'));
    await symlink(join(root, 'missing.png'), join(root, 'broken.png'));
    const skipped: SkippedEntry[] = [];
    const files = await scanFolder(root, { onSkip: (entry) => skipped.push(entry) });
    expect(files.map((file) => file.relativePath)).toEqual(['studyA/img1.png']);
    expect(skipped).toEqual([
      { relativePath: 'broken.png', reason: 'the link is broken' },
      { relativePath: 'escape.png', reason: 'the link leads outside the import folder' },
      { relativePath: 'escapeDir', reason: 'the link leads outside the import folder' },
    ]);
  });
});
