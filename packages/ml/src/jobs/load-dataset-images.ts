import { type Database, executeRows, isEmbeddedDatabase, refreshPlannerStatistics } from '@loupe/db';
import { sql } from 'drizzle-orm';
import type { Crop } from '../preprocess/crop';
import { cropKeyOf } from './crop-key';
import { mapInSlices } from './in-slices';

/** One image as training sees it: its study, effective crop box and current label. */
export type DatasetImage = {
  imageId: string;
  sha256: string;
  studyKey: string;
  crop: Crop | null;
  cropKey: string;
  categoryId: string | null;
  /** The current label's category name: a head's outputs are in name order. */
  categoryName: string | null;
  labelId: string | null;
};

/** Images per statement on the embedded database. */
const LOAD_PAGE = 10_000;

type Row = {
  image_id: string;
  sha256: string;
  study_key: string;
  crop_x: number | null;
  crop_y: number | null;
  crop_w: number | null;
  crop_h: number | null;
  category_id: string | null;
  category_name: string | null;
  label_id: string | null;
};

/**
 * Every image of a dataset in use (excluded images are left out of training, evaluation and predictions) with
 * its effective crop box (its own, else its study's default) and its current label (the newest label event;
 * only categories still live count).
 *
 * The images come in the order of their content hash, never of their ids (random at import): training takes
 * its rows in this order, so the same images and labels train the same head on any installation.
 */
export async function loadDatasetImages(
  db: Database,
  datasetId: string,
  options: {
    /**
     * Images per statement, or null for one statement. By default, pages of 10,000 on the embedded database
     * and one statement on PostgreSQL.
     */
    pageSize?: number | null;
  } = {},
): Promise<DatasetImage[]> {
  // After an import or many labels, the joins below need fresh statistics to be planned as hash joins.
  await refreshPlannerStatistics(db);
  const page = (after: string | null, limit: number | null) =>
    executeRows<Row>(
      db,
      sql`
      select i.id as image_id, i.sha256, s.key as study_key,
        coalesce(ic.x, sc.x) as crop_x, coalesce(ic.y, sc.y) as crop_y,
        coalesce(ic.width, sc.width) as crop_w, coalesce(ic.height, sc.height) as crop_h,
        c.id as category_id, c.name as category_name, cur.label_id
      from images i
      join studies s on s.id = i.study_id
      left join crop_boxes ic on ic.image_id = i.id
      left join crop_boxes sc on sc.study_id = i.study_id
      left join current_labels cur on cur.image_id = i.id
      left join categories c on c.id = cur.category_id and c.merged_into_id is null and c.archived_at is null
      where i.dataset_id = ${datasetId} and i.excluded_at is null
        ${after === null ? sql`` : sql`and i.sha256 > ${after}`}
      order by i.sha256
      ${limit === null ? sql`` : sql`limit ${limit}`}`,
    );
  // The embedded database runs a statement on the thread that serves requests: in pages, requests get in
  // between (100,000 images in one statement held that thread for about 0.75 s).
  const pageSize =
    options.pageSize !== undefined ? options.pageSize : isEmbeddedDatabase(db) ? LOAD_PAGE : null;
  let rows: Row[] = [];
  if (pageSize === null) {
    rows = await page(null, null);
  } else {
    for (let after: string | null = null; ; ) {
      const next = await page(after, pageSize);
      rows = rows.concat(next);
      if (next.length < pageSize) break;
      after = next.at(-1)!.sha256;
    }
  }
  return mapInSlices(rows, (row) => {
    const crop =
      row.crop_x === null || row.crop_y === null || row.crop_w === null || row.crop_h === null
        ? null
        : { x: row.crop_x, y: row.crop_y, width: row.crop_w, height: row.crop_h };
    return {
      imageId: row.image_id,
      sha256: row.sha256,
      studyKey: row.study_key,
      crop,
      cropKey: cropKeyOf(crop),
      categoryId: row.category_id,
      categoryName: row.category_name,
      labelId: row.category_id ? row.label_id : null,
    };
  });
}
