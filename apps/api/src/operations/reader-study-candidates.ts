import type { Database } from '@loupe/db';
import { executeRows } from '@loupe/db';
import type { SplitName } from '@loupe/ml';
import { sql } from 'drizzle-orm';
import { imageRowsClause } from './dataset-image-rows';

/** A labelled image a reader study may show: its current label is the reference. */
export type ReaderStudyCandidate = {
  imageId: string;
  categoryId: string;
  split: SplitName;
  /** Whether its effective crop box (its own, else its study's) lies inside the image. */
  hasCrop: boolean;
};

/** Every labelled image of a dataset in use (excluded images are left out), with its split (as training computes it) and whether it can be cropped. */
export async function findReaderStudyCandidates(
  db: Database,
  datasetId: string,
): Promise<ReaderStudyCandidate[]> {
  const rows = await executeRows<{
    id: string;
    label_category_id: string;
    split: SplitName;
    has_crop: boolean;
  }>(
    db,
    sql`${imageRowsClause(datasetId)}
      select r.id, r.label_category_id, r.split,
        coalesce(c.x + c.width <= r.width and c.y + c.height <= r.height, false) as has_crop
      from image_rows r
      left join lateral (
        select cb.x, cb.y, cb.width, cb.height from crop_boxes cb
        where cb.image_id = r.id or cb.study_id = r.study_id
        order by cb.image_id is null limit 1
      ) c on true
      where r.label_category_id is not null and r.excluded_at is null
      order by r.id`,
  );
  return rows.map((row) => ({
    imageId: row.id,
    categoryId: row.label_category_id,
    split: row.split,
    hasCrop: row.has_crop === true || (row.has_crop as unknown) === 't',
  }));
}
