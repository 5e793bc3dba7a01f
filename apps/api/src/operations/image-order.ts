import { type SQL, sql } from 'drizzle-orm';
import { badInput } from '../errors';

export const IMAGE_ORDER_FIELDS = [
  'CREATED_AT',
  'CONFIDENCE',
  'MARGIN',
  'ENTROPY',
  'LABEL_DISAGREEMENT',
  'SOURCE_FILE_NAME',
] as const;
export type ImageOrderField = (typeof IMAGE_ORDER_FIELDS)[number];
export type ImageOrder = { field: ImageOrderField; direction: 'ASC' | 'DESC' };

export const DEFAULT_IMAGE_ORDER: ImageOrder = { field: 'CREATED_AT', direction: 'ASC' };

/** Scores a model gives; images without one (unpredicted, or unlabelled for disagreement) sort last. */
const SCORE_COLUMNS = {
  CONFIDENCE: 'top1_probability',
  MARGIN: 'margin',
  ENTROPY: 'entropy',
  LABEL_DISAGREEMENT: 'label_disagreement',
} as const;

type SortKey = { value: SQL; text: SQL; type: 'float8' | 'timestamptz' | 'text' };

function sortKeyOf(order: ImageOrder): SortKey {
  if (order.field === 'CREATED_AT')
    return { value: sql`r.created_at`, text: sql`r.created_at_text`, type: 'timestamptz' };
  if (order.field === 'SOURCE_FILE_NAME')
    return { value: sql`r.source_file_name`, text: sql`r.source_file_name`, type: 'text' };
  const missing = order.direction === 'ASC' ? 'Infinity' : '-Infinity';
  const value = sql`coalesce(r.${sql.raw(SCORE_COLUMNS[order.field])}::float8, ${missing}::float8)`;
  return { value, text: sql`(${value})::text`, type: 'float8' };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const VALUE_SHAPES = {
  float8: /^(-?Infinity|-?\d+(\.\d+)?(e[+-]?\d+)?)$/,
  timestamptz: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/,
  text: /^/,
} as const;

/** A cursor's sort part: the order it belongs to and the row's sort value as the database prints it. */
export function imageCursorSort(order: ImageOrder, valueText: string): string {
  return `${order.field}:${order.direction}:${valueText}`;
}

/**
 * The ordering and keyset pieces of a page over `image_rows r`: rows strictly after (sort value, id) in the
 * order's direction, the image id breaking ties, so a page boundary never skips or repeats a row.
 */
export function imageOrderSql(order: ImageOrder, after?: { sort: string; id: string }) {
  const key = sortKeyOf(order);
  const direction = sql.raw(order.direction === 'ASC' ? 'asc' : 'desc');
  let afterCondition = sql`true`;
  if (after) {
    const prefix = imageCursorSort(order, '');
    const valueText = after.sort.slice(prefix.length);
    if (!after.sort.startsWith(prefix) || !UUID.test(after.id) || !VALUE_SHAPES[key.type].test(valueText))
      throw badInput('The cursor belongs to another ordering or is not valid; start again without "after".');
    const comparison = sql.raw(order.direction === 'ASC' ? '>' : '<');
    afterCondition = sql`(${key.value}, r.id) ${comparison} (${valueText}::${sql.raw(key.type)}, ${after.id}::uuid)`;
  }
  return {
    sortText: key.text,
    afterCondition,
    orderBy: sql`${key.value} ${direction}, r.id ${direction}`,
  };
}
