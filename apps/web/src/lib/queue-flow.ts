/** Something the review queue handed out, identified by its image. */
export type Queued = { image: { id: string } };

/**
 * The images still to come after a refetch of the queue. Those waiting that `keep` holds (their bytes are
 * loaded already, so moving on to them stays instant; they are still leased to this annotator, and images
 * labelled or taken by others are dropped as those events arrive) stay first, in order, in the fresh
 * version where there is one; the rest follow the fresh ranking. Images shown already in this flow
 * (labelled, skipped, the current one) never come back.
 */
export function mergeUpcoming<T extends Queued>(
  upcoming: readonly T[],
  fresh: readonly T[],
  seen: ReadonlySet<string>,
  keep: (item: T) => boolean,
): T[] {
  const unseen = dedupe(fresh.filter((item) => !seen.has(item.image.id)));
  const byId = new Map(unseen.map((item) => [item.image.id, item]));
  const kept = dedupe(upcoming.filter((item) => !seen.has(item.image.id) && keep(item))).map(
    (item) => byId.get(item.image.id) ?? item,
  );
  const keptIds = new Set(kept.map((item) => item.image.id));
  return [...kept, ...unseen.filter((item) => !keptIds.has(item.image.id))];
}

/**
 * Which of the images waiting to show next: the first whose bytes are ready, so the move is instant, or
 * else the first in line. -1 when none waits.
 */
export function nextIndex<T extends Queued>(upcoming: readonly T[], ready: (item: T) => boolean): number {
  if (upcoming.length === 0) return -1;
  const index = upcoming.findIndex(ready);
  return Math.max(index, 0);
}

/**
 * How many items to ask the queue for so that about `wanted` new ones come back: the queue hands this
 * annotator's own leases out again (the images waiting, the one on screen, those whose label is still on
 * its way), and those are not new.
 */
export function takeCount(wanted: number, held: number, max = 100): number {
  return Math.max(1, Math.min(max, wanted + held));
}

/**
 * Adds newly taken items after those waiting, without repeats or images shown already. Those waiting keep
 * their place, in the version just taken where there is one (its lease was renewed).
 */
export function appendUpcoming<T extends Queued>(
  upcoming: readonly T[],
  more: readonly T[],
  seen: ReadonlySet<string>,
): T[] {
  const taken = new Map(more.map((item) => [item.image.id, item]));
  const waiting = new Set(upcoming.map((item) => item.image.id));
  return [
    ...upcoming.map((item) => taken.get(item.image.id) ?? item),
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
