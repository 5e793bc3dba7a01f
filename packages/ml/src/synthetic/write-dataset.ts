import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type DatasetPlan, renderOptionsFor } from './dataset-plan';
import { manifestCsv } from './manifest-csv';
import { renderFrame } from './render-frame';
import { encodeGrayPng } from './render-image';

export type WriteDatasetOptions = { onProgress?: (written: number, total: number) => void };

/**
 * Renders a planned dataset into `folder/<study>/<file>.png` and writes `folder/manifest.csv`.
 * Encoding and writing one image overlaps rendering the next.
 */
export async function writeDataset(
  folder: string,
  plan: DatasetPlan,
  options: WriteDatasetOptions = {},
): Promise<{ manifestPath: string; imageCount: number }> {
  const total = plan.studies.reduce((sum, study) => sum + study.images.length, 0);
  let written = 0;
  let pending: Promise<void> = Promise.resolve();
  for (const study of plan.studies) {
    const studyFolder = path.join(folder, study.key);
    await mkdir(studyFolder, { recursive: true });
    for (const image of study.images) {
      const frame = renderFrame(renderOptionsFor(plan, study, image));
      await pending;
      pending = encodeGrayPng(frame.pixels, frame.width, frame.height)
        .then((png) => writeFile(path.join(studyFolder, image.fileName), png))
        .then(() => options.onProgress?.(++written, total));
    }
  }
  await pending;
  const manifestPath = path.join(folder, 'manifest.csv');
  await writeFile(manifestPath, manifestCsv(plan));
  return { manifestPath, imageCount: total };
}
