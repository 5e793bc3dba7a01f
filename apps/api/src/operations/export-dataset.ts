import type { Database } from '@loupe/db';
import { executeRows } from '@loupe/db';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'drizzle-orm';
import { toGlobalId } from '../schema/global-id';
import { imageRowsClause } from './dataset-image-rows';

export type ExportFormat = 'CSV' | 'JSON';

/** The columns of an export, in order; CSV and JSON carry the same names. */
export const EXPORT_COLUMNS = [
  'image_id',
  'sha256',
  'source_file_name',
  'study_key',
  'split',
  'label',
  'label_source',
  'model_version',
  'top1',
  'top1_probability',
  'top2',
  'top2_probability',
  'excluded',
  'exclusion_reason',
] as const;

export type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string | number | boolean | null>;

type Raw = Omit<
  ExportRow,
  'image_id' | 'model_version' | 'top1_probability' | 'top2_probability' | 'excluded'
> & {
  id: string;
  excluded: boolean;
  model_version: number | null;
  top1_probability: string | null;
  top2_probability: string | null;
};

const toNumber = (value: string | number | null) => (value === null ? null : Number(value));

/**
 * Every image of a dataset, one row each (ordered by study, file name): its global id, content hash, file,
 * study and split, current label and where it came from, the newest prediction's two first guesses, and
 * whether (and why) the image is excluded.
 * One statement, whatever the size.
 */
export async function exportDataset(
  db: Database,
  options: { datasetId: string; format: ExportFormat },
): Promise<{ format: ExportFormat; rowCount: number; text: string }> {
  const raws = await executeRows<Raw>(
    db,
    sql`${imageRowsClause(options.datasetId)}
      select r.id, r.sha256, r.source_file_name, r.study_key, r.split, label.name as label, r.label_source,
        v.version as model_version, top1.name as top1, r.top1_probability::text as top1_probability,
        top2.name as top2, r.top2_probability::text as top2_probability,
        r.excluded_at is not null as excluded,
        case when r.excluded_at is not null then (
          select e.reason from image_exclusions e where e.image_id = r.id order by e.seq desc limit 1
        ) end as exclusion_reason
      from image_rows r
      left join categories label on label.id = r.label_category_id
      left join categories top1 on top1.id = r.top1_category_id
      left join categories top2 on top2.id = r.top2_category_id
      left join model_versions v on v.id = r.model_version_id
      order by r.study_key, r.source_file_name, r.id`,
  );
  const rows: ExportRow[] = raws.map((raw) => ({
    image_id: toGlobalId('Image', raw.id),
    sha256: raw.sha256,
    source_file_name: raw.source_file_name,
    study_key: raw.study_key,
    split: raw.split,
    label: raw.label,
    label_source: raw.label_source,
    model_version: toNumber(raw.model_version),
    top1: raw.top1,
    top1_probability: toNumber(raw.top1_probability),
    top2: raw.top2,
    top2_probability: toNumber(raw.top2_probability),
    excluded: raw.excluded,
    exclusion_reason: raw.exclusion_reason,
  }));
  const text =
    options.format === 'CSV'
      ? stringify(rows, {
          header: true,
          columns: [...EXPORT_COLUMNS],
          cast: { boolean: (value) => (value ? 'true' : 'false') },
        })
      : `${JSON.stringify(rows, null, 2)}\n`;
  return { format: options.format, rowCount: rows.length, text };
}
