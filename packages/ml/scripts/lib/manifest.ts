import { readFile } from 'node:fs/promises';
import path from 'node:path';

export type ManifestRow = { file: string; label: string; group: string };

/** Reads a `file,label,group` CSV (no quoted fields); `file` is resolved against the manifest's folder. */
export async function readManifest(manifestPath: string): Promise<ManifestRow[]> {
  const [header, ...lines] = (await readFile(manifestPath, 'utf8'))
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  const columns = header?.split(',') ?? [];
  const [fileAt, labelAt, groupAt] = ['file', 'label', 'group'].map((name) => columns.indexOf(name));
  if ([fileAt, labelAt, groupAt].some((index) => index === undefined || index < 0)) {
    throw new Error(`${manifestPath} needs the columns file,label,group`);
  }
  return lines.map((line) => {
    if (line.includes('"')) throw new Error(`quoted CSV fields are not supported: ${line}`);
    const cells = line.split(',');
    const cell = (index: number | undefined) => cells[index as number] ?? '';
    return {
      file: path.resolve(path.dirname(manifestPath), cell(fileAt)),
      label: cell(labelAt),
      group: cell(groupAt),
    };
  });
}
