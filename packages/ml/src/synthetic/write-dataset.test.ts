import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDataset, renderOptionsFor } from './dataset-plan';
import { manifestCsv } from './manifest-csv';
import { renderImage } from './render-image';
import { writeDataset } from './write-dataset';

describe('writeDataset', () => {
  const folders: string[] = [];
  afterAll(async () => {
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  });

  it('writes every planned image as a grayscale PNG beside a manifest', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'loupe-synthetic-'));
    folders.push(folder);
    const plan = generateDataset({ seed: 3, studies: 2, imagesPerStudy: 3, width: 128, height: 96 });
    const progress: number[] = [];
    const result = await writeDataset(folder, plan, { onProgress: (written) => progress.push(written) });
    expect(result).toEqual({ manifestPath: path.join(folder, 'manifest.csv'), imageCount: 6 });
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await readFile(result.manifestPath, 'utf8')).toBe(manifestCsv(plan));
    const study = plan.studies[1];
    const image = study?.images[2];
    if (!study || !image) throw new Error('plan too small');
    const bytes = await readFile(path.join(folder, study.key, image.fileName));
    const metadata = await sharp(bytes).metadata();
    expect([metadata.format, metadata.width, metadata.height, metadata.channels]).toEqual([
      'png',
      128,
      96,
      1,
    ]);
    const rendered = await renderImage(renderOptionsFor(plan, study, image));
    expect(new Uint8Array(bytes)).toEqual(rendered.png);
  });
});
