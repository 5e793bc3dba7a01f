import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from './client';

/** The one NOTIFY channel that carries every change event, from any process to every API process. */
export const EVENT_CHANNEL = 'loupe_events';

/** Image ids per notification: 100 ids keep a payload near 4 KB, well under PostgreSQL's 8000-byte limit. */
export const IMAGE_IDS_PER_EVENT = 100;

const id = z.guid();
const imageIds = z.array(id).max(IMAGE_IDS_PER_EVENT);

/** What changed, as ids only: a listener loads the current objects itself. */
export const changeEventSchema = z.discriminatedUnion('type', [
  /** A job was queued, started, progressed or finished. */
  z.object({ type: z.literal('jobChanged'), datasetId: id, jobId: id }),
  z.object({ type: z.literal('modelVersionCreated'), datasetId: id, modelVersionId: id }),
  /** New predictions, or images leased, released, excluded or brought back: the review queue looks different. */
  z.object({
    type: z.literal('queueChanged'),
    datasetId: id,
    reason: z.enum(['PREDICTIONS', 'LEASED', 'RELEASED', 'EXCLUDED', 'INCLUDED']),
    imageIds,
  }),
  /** The current label of these images changed (a label, an undo, a merge). */
  z.object({ type: z.literal('labelChanged'), datasetId: id, imageIds }),
]);

export type ChangeEvent = z.infer<typeof changeEventSchema>;
export type ChangeEventType = ChangeEvent['type'];

/** Splits an event so that each notification carries at most IMAGE_IDS_PER_EVENT image ids. */
export function splitEvent(event: ChangeEvent): ChangeEvent[] {
  if (!('imageIds' in event) || event.imageIds.length <= IMAGE_IDS_PER_EVENT) return [event];
  const parts: ChangeEvent[] = [];
  for (let start = 0; start < event.imageIds.length; start += IMAGE_IDS_PER_EVENT) {
    parts.push({ ...event, imageIds: event.imageIds.slice(start, start + IMAGE_IDS_PER_EVENT) });
  }
  return parts;
}

/**
 * Tells every listening process about a change, in one statement however many notifications it takes.
 * Call it after the change commits; inside a transaction PostgreSQL delivers it only at commit.
 */
export async function publishEvent(db: Pick<Database, 'execute'>, event: ChangeEvent): Promise<void> {
  const payloads = JSON.stringify(splitEvent(event).map((part) => JSON.stringify(part)));
  await db.execute(
    sql`select pg_notify(${EVENT_CHANNEL}, payload) from jsonb_array_elements_text(${payloads}::jsonb) as payload`,
  );
}

/** The event in a NOTIFY payload, or undefined when the payload is not one (a foreign or older sender). */
export function parseEvent(payload: string): ChangeEvent | undefined {
  try {
    const parsed = changeEventSchema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Each member of an event union without its image ids (Omit over the union itself would keep only shared keys). */
type WithoutImageIds<E> = E extends unknown ? Omit<E, 'imageIds'> : never;

/** An event that names images, without its image ids. */
export type ImagesEventHead = WithoutImageIds<Extract<ChangeEvent, { imageIds: string[] }>>;

/**
 * A `pg_notify` call, as a SQL expression, announcing `head` for the image ids that `imageIds` (a SQL expression
 * giving a JSON array, such as `json_agg` over the changed rows) yields, and nothing when it yields null (an
 * aggregate over no rows): lets the statement that makes a change announce it too, one round trip instead of two.
 * The caller keeps the array at most IMAGE_IDS_PER_EVENT long (publishEvent splits longer lists), and, unlike a
 * separate publishEvent, a failed notification fails the change with it.
 */
export function notifyImagesSql(head: ImagesEventHead, imageIds: SQL): SQL {
  return sql`case when ${imageIds} is not null then pg_notify(${EVENT_CHANNEL}, (${JSON.stringify(head)}::jsonb || jsonb_build_object('imageIds', ${imageIds}))::text) end`;
}
