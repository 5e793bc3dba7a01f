import type { Database } from '@loupe/db';
import { executeRows } from '@loupe/db';
import { type SQL, sql } from 'drizzle-orm';
import {
  type ImageRow,
  type ImageRowNeeds,
  type ImageRowSource,
  imageRowsSource,
  toImageRow,
} from './dataset-image-rows';
import {
  filterRequiresPrediction,
  type ImageFilter,
  imageFilterCondition,
  imageFilterNeeds,
  validateImageFilter,
} from './image-filter';
import {
  DEFAULT_IMAGE_ORDER,
  type ImageOrder,
  type ImageOrderPart,
  imageCursorSort,
  imageOrderSql,
} from './image-order';

export type DatasetImagesPage = {
  /** Up to `first + 1` images, each with its cursor's sort part; the extra one tells that more follow. */
  rows: { image: ImageRow; sort: string }[];
};

type PageRow = Parameters<typeof toImageRow>[0] & { sort_text: string };

/** Up to `limit` rows of `source` that pass `where`, in `part`'s order after its cursor. */
function readRows(
  db: Database,
  options: {
    datasetId: string;
    needs: ImageRowNeeds;
    source: ImageRowSource;
    where: SQL;
    part: ImageOrderPart;
    limit: number;
  },
): Promise<PageRow[]> {
  const { part } = options;
  const rows = imageRowsSource(options.datasetId, options.needs, options.source);
  return executeRows<PageRow>(
    db,
    sql`${rows.with} select r.*, ${part.sortText} as sort_text from (${rows.rows}) r
      where ${options.where} and ${part.afterCondition} order by ${part.orderBy} limit ${options.limit}`,
  );
}

/**
 * One page of a dataset's images, filtered and sorted in the database, reading about a page of rows whatever
 * the dataset's size where the filter lets it: an index walk in the requested order that stops after
 * `first + 1` matches. A score order reads the newest model version's predictions in score order, then, only
 * when the page is not full yet, the images without the score (they sort last). One or two statements.
 */
export async function findDatasetImages(
  db: Database,
  options: {
    datasetId: string;
    first: number;
    after?: { sort: string; id: string };
    filter?: ImageFilter | null;
    order?: ImageOrder | null;
  },
): Promise<DatasetImagesPage> {
  const filter = options.filter ?? {};
  const order = options.order ?? DEFAULT_IMAGE_ORDER;
  validateImageFilter(filter);
  const plan = imageOrderSql(order, options.after);
  const where = imageFilterCondition(filter);
  const needs = imageFilterNeeds(filter);
  const limit = options.first + 1;
  const page = (rows: PageRow[]) => ({
    rows: rows.map((row) => ({ image: toImageRow(row), sort: imageCursorSort(order, row.sort_text) })),
  });
  const read = { db, datasetId: options.datasetId, needs, where };
  if (plan.source === 'images')
    return page(await readRows(read.db, { ...read, source: { from: 'images' }, part: plan, limit }));
  const rows = plan.scored
    ? await readRows(db, {
        ...read,
        source: { from: 'scored', column: plan.column },
        part: plan.scored,
        limit,
      })
    : [];
  // Images without the score never match a filter on the prediction, except for label disagreement, which
  // the newest version leaves unset on images that were unlabelled when it predicted them.
  const tailCanMatch = plan.column === 'label_disagreement' || !filterRequiresPrediction(filter);
  if (rows.length < limit && tailCanMatch) {
    const tail = await readRows(db, {
      ...read,
      needs: { ...needs, prediction: true },
      source: { from: 'images' },
      where: sql`${where} and r.${sql.raw(plan.column)} is null`,
      part: plan.tail,
      limit: limit - rows.length,
    });
    rows.push(...tail);
  }
  return page(rows);
}

/**
 * How many images of a dataset pass the filter: one statement that reads only what the filter needs (the
 * unfiltered count reads an index of the dataset's images).
 */
export async function countDatasetImages(
  db: Database,
  options: { datasetId: string; filter?: ImageFilter | null },
): Promise<number> {
  const filter = options.filter ?? {};
  validateImageFilter(filter);
  const rows = imageRowsSource(options.datasetId, imageFilterNeeds(filter), { from: 'images' });
  const counts = await executeRows<{ n: number }>(
    db,
    sql`${rows.with} select count(*)::int as n from (${rows.rows}) r
      left join current_labels l on l.image_id = r.id
      where ${imageFilterCondition(filter, { isLabelJoined: true })}`,
  );
  return Number(counts[0]?.n ?? 0);
}
