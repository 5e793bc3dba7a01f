/** Something the review queue handed out, identified by its image. */
export type Queued = { image: { id: string } };

/**
 * The images still to come after a refetch of the queue. The first `keep` of them stay first, in order, when
 * the fresh queue still holds them (their bytes are loaded already, so moving on stays instant); the rest
 * follow the fresh ranking. Images shown already in this flow (labelled, skipped, the current one) never
 * come back.
 */
export function mergeUpcoming<T extends Queued>(
  upcoming: readonly T[],
  fresh: readonly T[],
  seen: ReadonlySet<string>,
  keep = 1,
): T[] {
  const unseen = dedupe(fresh.filter((item) => !seen.has(item.image.id)));
  const byId = new Map(unseen.map((item) => [item.image.id, item]));
  const kept: T[] = [];
  for (const item of upcoming.slice(0, keep)) {
    const still = byId.get(item.image.id);
    if (!still) break;
    kept.push(still);
  }
  return [...kept, ...unseen.filter((item) => !kept.includes(item))];
}

/** Adds newly taken items after those waiting, without repeats or images shown already. */
export function appendUpcoming<T extends Queued>(
  upcoming: readonly T[],
  more: readonly T[],
  seen: ReadonlySet<string>,
): T[] {
  const waiting = new Set(upcoming.map((item) => item.image.id));
  return [
    ...upcoming,
    ...dedupe(more.filter((item) => !seen.has(item.image.id) && !waiting.has(item.image.id))),
  ];
}

/** Drops images someone else took or labelled meanwhile. */
export function withoutImages<T extends Queued>(upcoming: readonly T[], imageIds: Iterable<string>): T[] {
  const gone = new Set(imageIds);
  return upcoming.filter((item) => !gone.has(item.image.id));
}

/**
 * Whether a queue change was caused by others: a lease on any image this annotator was not handed. The
 * annotator's own takes announce leases too, and refetching on those would never stop.
 */
export function leasedByOthers(imageIds: readonly string[], mine: ReadonlySet<string>): string[] {
  return imageIds.filter((id) => !mine.has(id));
}

function dedupe<T extends Queued>(items: readonly T[]): T[] {
  const ids = new Set<string>();
  return items.filter((item) => {
    if (ids.has(item.image.id)) return false;
    ids.add(item.image.id);
    return true;
  });
}

/** Percentiles of a sample (nearest rank), for latency figures. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}
