/** The fields of a job the header's activity indicator reads. */
export type JobActivity = {
  id: string;
  kind: string;
  state: string;
  progress: number;
  message: string | null;
  createdAt: string;
};

const ACTIVE = new Set(['QUEUED', 'RUNNING']);

/** The known jobs after an event about one of them: replaced in place, or added first (newest). */
export function applyJobEvent<T extends JobActivity>(jobs: readonly T[], job: T): T[] {
  const index = jobs.findIndex((known) => known.id === job.id);
  if (index === -1) return [job, ...jobs].slice(0, 50);
  return jobs.map((known, i) => (i === index ? job : known));
}

/** The job to show: a running one before a queued one, the newest first; null when all are done. */
export function currentActivity<T extends JobActivity>(jobs: readonly T[]): T | null {
  const active = jobs.filter((job) => ACTIVE.has(job.state));
  active.sort(
    (a, b) =>
      Number(b.state === 'RUNNING') - Number(a.state === 'RUNNING') || b.createdAt.localeCompare(a.createdAt),
  );
  return active[0] ?? null;
}

const KIND_NAMES: Record<string, string> = { retrain: 'Training', embed: 'Embedding' };

/** "Training 40 %", "Embedding (queued)": the indicator's words for a job. */
export function describeActivity(job: JobActivity): string {
  const name = KIND_NAMES[job.kind] ?? job.kind.replace(/[-_]+/g, ' ').replace(/^./, (c) => c.toUpperCase());
  if (job.state === 'QUEUED') return `${name} (queued)`;
  return `${name} ${Math.round(job.progress * 100)} %`;
}
