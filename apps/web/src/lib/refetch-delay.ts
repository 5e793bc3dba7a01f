/** Queue changes arrive in bursts (a label, then new predictions): one refetch for a burst. */
export const REFETCH_DELAY_MS = 300;

/**
 * Every open queue hears of a new model version at the same moment; spreading the refetches over this long
 * keeps fifty annotators from asking the server at once (a burst costs each of them the whole burst's wait).
 */
export const REFETCH_SPREAD_MS = 1_000;

/** How long a queue waits after a change before asking again: the burst's delay plus this queue's share of the spread. */
export function refetchDelay(random: () => number = Math.random): number {
  return REFETCH_DELAY_MS + Math.floor(random() * REFETCH_SPREAD_MS);
}
