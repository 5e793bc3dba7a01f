/** The words for a job's state: never colour alone. */
const STATE_WORDS: Record<string, string> = {
  QUEUED: 'Queued',
  RUNNING: 'Running',
  SUCCEEDED: 'Succeeded',
  SKIPPED: 'Skipped',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
};

export function jobStateWords(state: string): string {
  return STATE_WORDS[state] ?? state.charAt(0) + state.slice(1).toLowerCase();
}

const KIND_WORDS: Record<string, string> = { retrain: 'Training', embed: 'Embedding' };

/** "Training", "Embedding", or the kind made readable ("refresh-predictions" → "Refresh predictions"). */
export function jobKindWords(kind: string): string {
  return KIND_WORDS[kind] ?? kind.replace(/[-_]+/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

export function isActiveJob(job: { state: string }): boolean {
  return job.state === 'QUEUED' || job.state === 'RUNNING';
}

/** "850 ms", "12.4 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.floor(seconds);
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
  return `${Math.floor(whole / 3600)} h ${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')} min`;
}

/**
 * How long a job ran: start to finish, or start to `now` while it runs; null before it started (or with
 * dates that do not parse).
 */
export function jobDurationMs(
  job: { startedAt: string | null; finishedAt: string | null },
  now: number,
): number | null {
  if (!job.startedAt) return null;
  const start = new Date(job.startedAt).getTime();
  const end = job.finishedAt ? new Date(job.finishedAt).getTime() : now;
  if (Number.isNaN(start) || Number.isNaN(end)) return null;
  return Math.max(0, end - start);
}

/** A loaded list after another page: the new jobs appended, ones already shown (moved by live events) kept once. */
export function appendJobs<T extends { id: string }>(current: readonly T[], page: readonly T[]): T[] {
  const known = new Set(current.map((job) => job.id));
  return [...current, ...page.filter((job) => !known.has(job.id))];
}

type JobVersion = { id: string; state: string; attempt: number; progress: number };

const STAGE: Record<string, number> = { QUEUED: 0, RUNNING: 1 };

/**
 * Whether `incoming` is an older picture of the same job than `known`: an earlier attempt, an earlier stage
 * (queued, running, finished) of the same attempt, or less progress while running. A page fetched while
 * the job ran can come back after a live event that already told its end; it must not turn the job back.
 */
export function isOlderJob(incoming: JobVersion, known: JobVersion): boolean {
  if (incoming.attempt !== known.attempt) return incoming.attempt < known.attempt;
  const stage = (job: JobVersion) => STAGE[job.state] ?? 2;
  if (stage(incoming) !== stage(known)) return stage(incoming) < stage(known);
  return incoming.state === 'RUNNING' && incoming.progress < known.progress;
}

/** The jobs after news of one of them: replaced in place unless the news is older, or added first (newest). */
export function upsertJob<T extends JobVersion>(jobs: readonly T[], job: T): T[] {
  const index = jobs.findIndex((known) => known.id === job.id);
  if (index === -1) return [job, ...jobs];
  if (isOlderJob(job, jobs[index]!)) return [...jobs];
  return jobs.map((known, i) => (i === index ? job : known));
}

/** A fetched list of jobs, each replaced by the one already known where that one is newer. */
export function mergeFetchedJobs<T extends JobVersion>(known: readonly T[], fetched: readonly T[]): T[] {
  const byId = new Map(known.map((job) => [job.id, job]));
  return fetched.map((job) => {
    const current = byId.get(job.id);
    return current && isOlderJob(job, current) ? current : job;
  });
}
