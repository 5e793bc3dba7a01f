import { and, eq, lt, or, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { badInput } from '../errors';

export type Cursor = { sort: string; id: string };

export const MAX_PAGE_SIZE = 500;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.id])).toString('base64url');
}

export function decodeCursor(value: string | null | undefined): Cursor | undefined {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString());
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      return { sort: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the typed error
  }
  throw badInput('The cursor is not valid; use a cursor returned by this API.');
}

export function pageSize(first: number | null | undefined, fallback: number): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw badInput(`"first" must be between 0 and ${MAX_PAGE_SIZE}.`);
  }
  return size;
}

/** Builds a Relay connection from rows fetched with one extra row to detect a next page. */
export function toConnection<Row, Node>(
  rows: Row[],
  size: number,
  totalCount: number,
  cursorOf: (row: Row) => Cursor,
  toNode: (row: Row) => Node,
) {
  const page = rows.slice(0, size);
  const edges = page.map((row) => ({ cursor: encodeCursor(cursorOf(row)), node: toNode(row) }));
  return {
    edges,
    totalCount,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/**
 * A page of rows newest first by (time, id), after a cursor of that order: the condition to add to a query,
 * and the cursor of a row. A cursor whose time is not a date is a typed error.
 */
export function newestFirstAfter(
  after: Cursor | undefined,
  time: AnyPgColumn,
  id: AnyPgColumn,
): { where: SQL | undefined; cursorOf: (row: { time: Date; id: string }) => Cursor } {
  const cursorOf = (row: { time: Date; id: string }) => ({ sort: row.time.toISOString(), id: row.id });
  if (!after) return { where: undefined, cursorOf };
  const afterDate = new Date(after.sort);
  if (Number.isNaN(afterDate.getTime()))
    throw badInput('The cursor is not valid; use a cursor returned by this API.');
  return { where: or(lt(time, afterDate), and(eq(time, afterDate), lt(id, after.id))), cursorOf };
}
