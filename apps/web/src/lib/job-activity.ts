import { isActiveJob, jobKindWords } from './job-details';

/** The fields of a job the header's activity indicator reads. */
export type JobActivity = {
  id: string;
  kind: string;
  state: string;
  attempt: number;
  progress: number;
  message: string | null;
  createdAt: string;
};

/** The job to show: a running one before a queued one, the newest first; null when all are done. */
export function currentActivity<T extends JobActivity>(jobs: readonly T[]): T | null {
  const active = jobs.filter(isActiveJob);
  active.sort(
    (a, b) =>
      Number(b.state === 'RUNNING') - Number(a.state === 'RUNNING') || b.createdAt.localeCompare(a.createdAt),
  );
  return active[0] ?? null;
}

/** "Training 40 %", "Embedding (queued)": the indicator's words for a job. */
export function describeActivity(job: JobActivity): string {
  const name = jobKindWords(job.kind);
  if (job.state === 'QUEUED') return `${name} (queued)`;
  return `${name} ${Math.round(job.progress * 100)} %`;
}
