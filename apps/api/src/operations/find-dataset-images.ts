import type { Database } from '@loupe/db';
import { sql } from 'drizzle-orm';
import { executeRows, type ImageRow, imageRowsClause, toImageRow } from './dataset-image-rows';
import { type ImageFilter, imageFilterCondition, validateImageFilter } from './image-filter';
import { DEFAULT_IMAGE_ORDER, type ImageOrder, imageCursorSort, imageOrderSql } from './image-order';

export type DatasetImagesPage = {
  /** Up to `first + 1` images, each with its cursor's sort part; the extra one tells that more follow. */
  rows: { image: ImageRow; sort: string }[];
  totalCount: number;
};

/**
 * One page of a dataset's images, filtered and sorted in the database: one statement for the page and one
 * for the count, whatever the filter.
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
  const where = imageFilterCondition(filter);
  const { sortText, afterCondition, orderBy } = imageOrderSql(order, options.after);
  const rowsWith = imageRowsClause(options.datasetId);
  const [rows, counts] = await Promise.all([
    executeRows<Parameters<typeof toImageRow>[0] & { sort_text: string }>(
      db,
      sql`${rowsWith} select r.*, ${sortText} as sort_text from image_rows r
        where ${where} and ${afterCondition} order by ${orderBy} limit ${options.first + 1}`,
    ),
    executeRows<{ n: number }>(
      db,
      sql`${rowsWith} select count(*)::int as n from image_rows r where ${where}`,
    ),
  ]);
  return {
    rows: rows.map((row) => ({ image: toImageRow(row), sort: imageCursorSort(order, row.sort_text) })),
    totalCount: Number(counts[0]?.n ?? 0),
  };
}
