import { type SQL, sql } from 'drizzle-orm';
import { badInput } from '../errors';
import type { ScoreColumn } from './dataset-image-rows';

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
} as const satisfies Record<string, ScoreColumn>;

type SortKey = { type: 'float8' | 'timestamptz' | 'text' };

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

/** One statement's ordering over rows `r`: its sort value as text, the keyset condition and `order by`. */
export type ImageOrderPart = { sortText: SQL; afterCondition: SQL; orderBy: SQL };

/**
 * How to read a page in an order, rows strictly after (sort value, id) in the order's direction, the image id
 * breaking ties, so a page boundary never skips or repeats a row.
 *
 * - `images`: CREATED_AT and SOURCE_FILE_NAME, read from the dataset's images in index order.
 * - `scored`: a score order. `scored` reads the newest model version's predictions that have the score, in
 *   index order (null when the cursor already lies past them); `tail` then reads the images without the
 *   score, which sort last (their sort value is the missing score, +/-Infinity), by id.
 */
export type ImagePageOrder =
  | ({ source: 'images' } & ImageOrderPart)
  | { source: 'scored'; column: ScoreColumn; scored: ImageOrderPart | null; tail: ImageOrderPart };

/** The cursor's sort value, checked against the order and its type (BAD_INPUT otherwise). */
function cursorValue(order: ImageOrder, key: SortKey, after: { sort: string; id: string }): string {
  const prefix = imageCursorSort(order, '');
  const valueText = after.sort.slice(prefix.length);
  if (!after.sort.startsWith(prefix) || !UUID.test(after.id) || !VALUE_SHAPES[key.type].test(valueText))
    throw badInput('The cursor belongs to another ordering or is not valid; start again without "after".');
  return valueText;
}

/** The reading plan of a page in `order` after the cursor `after` (see `ImagePageOrder`). */
export function imageOrderSql(order: ImageOrder, after?: { sort: string; id: string }): ImagePageOrder {
  const direction = sql.raw(order.direction === 'ASC' ? 'asc' : 'desc');
  const comparison = sql.raw(order.direction === 'ASC' ? '>' : '<');
  if (order.field === 'CREATED_AT' || order.field === 'SOURCE_FILE_NAME') {
    const key: SortKey = { type: order.field === 'CREATED_AT' ? 'timestamptz' : 'text' };
    const column = sql.raw(order.field === 'CREATED_AT' ? 'r.created_at' : 'r.source_file_name');
    const valueText = after ? cursorValue(order, key, after) : null;
    return {
      source: 'images',
      sortText: order.field === 'CREATED_AT' ? sql`r.created_at_text` : sql`r.source_file_name`,
      afterCondition:
        after && valueText !== null
          ? sql`(${column}, r.id) ${comparison} (${valueText}::${sql.raw(key.type)}, ${after.id}::uuid)`
          : sql`true`,
      orderBy: sql`${column} ${direction}, r.id ${direction}`,
    };
  }
  const column = SCORE_COLUMNS[order.field];
  const score = sql.raw(`r.${column}`);
  const missing = order.direction === 'ASC' ? 'Infinity' : '-Infinity';
  const valueText = after ? cursorValue(order, { type: 'float8' }, after) : null;
  const inTail = valueText === missing;
  let scoredAfter = sql`true`;
  if (after && valueText !== null && !inTail) {
    // The plain bound lets the index scan start at the cursor; the row comparison settles ties by id.
    const bound = sql.raw(order.direction === 'ASC' ? '>=' : '<=');
    scoredAfter = sql`${score} ${bound} ${valueText}::float8
      and (${score}, r.id) ${comparison} (${valueText}::float8, ${after.id}::uuid)`;
  }
  return {
    source: 'scored',
    column,
    scored: inTail
      ? null
      : {
          sortText: sql`(${score}::float8)::text`,
          afterCondition: scoredAfter,
          orderBy: sql`${score} ${direction}, r.id ${direction}`,
        },
    tail: {
      sortText: sql`${missing}::text`,
      afterCondition: after && inTail ? sql`r.id ${comparison} ${after.id}::uuid` : sql`true`,
      orderBy: sql`r.id ${direction}`,
    },
  };
}
