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
