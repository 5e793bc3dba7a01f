/**
 * Named places where a crash test can stop a worker on purpose (fault injection in the manner of FoundationDB's
 * and etcd's failpoints). `LOUPE_FAILPOINTS=retrain:training,retrain:writing-version` makes a process that
 * reaches one of those places say so on standard error (`loupe failpoint <name> reached`) and wait there until
 * it is killed. Unset (always, outside such tests), a failpoint costs one string lookup.
 */
export const FAILPOINTS = {
  /** After the first epoch of fitting the head: the run is mid-training, nothing of its version exists. */
  training: 'retrain:training',
  /** Inside the version's transaction, after its row and every prediction row are written, before commit. */
  writingVersion: 'retrain:writing-version',
} as const;

export type FailpointName = (typeof FAILPOINTS)[keyof typeof FAILPOINTS];

export function isFailpointSet(name: FailpointName, setting = process.env.LOUPE_FAILPOINTS): boolean {
  if (!setting) return false;
  return setting
    .split(',')
    .map((entry) => entry.trim())
    .includes(name);
}

/** Waits forever at `name` when that failpoint is set; returns at once otherwise. */
export async function failpoint(name: FailpointName): Promise<void> {
  if (!isFailpointSet(name)) return;
  process.stderr.write(`loupe failpoint ${name} reached\n`);
  await new Promise<never>(() => {
    // Never settles: the process waits here until a test kills it. A timer keeps the event loop alive.
    setInterval(() => {}, 60_000);
  });
}
