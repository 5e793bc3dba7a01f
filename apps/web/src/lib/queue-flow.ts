/** Something the review queue handed out, identified by its image. */
export type Queued = { image: { id: string } };

/**
 * The images still to come after a refetch of the queue. The first `keep` of them stay first, in order
 * (their bytes are loaded already, so moving on stays instant; they are still leased to this annotator,
 * and images labelled or taken by others are dropped as those events arrive); the rest follow the fresh
 * ranking. Images shown already in this flow (labelled, skipped, the current one) never come back.
 */
export function mergeUpcoming<T extends Queued>(
  upcoming: readonly T[],
  fresh: readonly T[],
  seen: ReadonlySet<string>,
  keep = 1,
): T[] {
  const unseen = dedupe(fresh.filter((item) => !seen.has(item.image.id)));
  const byId = new Map(unseen.map((item) => [item.image.id, item]));
  const kept = upcoming
    .filter((item) => !seen.has(item.image.id))
    .slice(0, keep)
    .map((item) => byId.get(item.image.id) ?? item);
  const keptIds = new Set(kept.map((item) => item.image.id));
  return [...kept, ...unseen.filter((item) => !keptIds.has(item.image.id))];
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
