import type { DatasetPlan } from './dataset-plan';
import type { SectorBox } from './sector';

export const MANIFEST_COLUMNS = ['file', 'study', 'annotation', 'label', 'crop'] as const;

/** One CSV field: quoted (with quotes doubled) when it holds a comma, quote, line break or edge space. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A crop box as the manifest writes it: `x,y,width,height`. */
export function cropText(box: SectorBox): string {
  return `${box.x},${box.y},${box.width},${box.height}`;
}

/**
 * The dataset's manifest: one row per image with its path relative to the dataset folder, its study,
 * the technologist's text, the true category and the fan's box as the crop.
 */
export function manifestCsv(plan: DatasetPlan): string {
  const rows = plan.studies.flatMap((study) =>
    study.images.map((image) => [
      `${study.key}/${image.fileName}`,
      study.key,
      image.text,
      image.category,
      cropText(image.sector),
    ]),
  );
  return `${[[...MANIFEST_COLUMNS], ...rows].map((row) => row.map(csvField).join(',')).join('\n')}\n`;
}
