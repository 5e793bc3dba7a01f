import { formatDuration, jobDurationMs, jobKindWords, jobStateWords } from '../../lib/job-details';
import type { JobDetail } from '../../queries/jobs-query';
import styles from './jobs.module.css';

/** A shape beside every state's words, so the state never rests on colour. */
const STATE_ICONS: Record<string, string> = {
  QUEUED: '◷',
  RUNNING: '▶',
  SUCCEEDED: '✓',
  SKIPPED: '↷',
  FAILED: '✕',
  CANCELLED: '⊘',
};

const formatTime = (iso: string) => new Date(iso).toLocaleString('en');

/** Jobs, newest first: kind, state in words, progress, when, how long, which attempt, and what went wrong. */
export function JobTable({ jobs, now }: { jobs: readonly JobDetail[]; now: number }) {
  return (
    <div className={styles.tableScroll}>
      <table className={styles.table} data-testid="jobs-table">
        <caption className="visually-hidden">Jobs of this dataset, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">State</th>
            <th scope="col">Progress</th>
            <th scope="col">Created</th>
            <th scope="col" className={styles.number}>
              Duration
            </th>
            <th scope="col" className={styles.number}>
              Attempt
            </th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => {
            const duration = jobDurationMs(job, now);
            const percent = Math.round(job.progress * 100);
            return (
              <tr
                key={job.id}
                data-testid="job-row"
                data-job-id={job.id}
                data-kind={job.kind}
                data-state={job.state}
              >
                <th scope="row">{jobKindWords(job.kind)}</th>
                <td>
                  <span className={`${styles.state} ${styles[`state${job.state}`] ?? ''}`}>
                    <span className={styles.stateIcon} aria-hidden="true">
                      {STATE_ICONS[job.state] ?? '•'}
                    </span>
                    <span data-testid="job-state">{jobStateWords(job.state)}</span>
                  </span>
                </td>
                <td>
                  <span className={styles.progress}>
                    <progress
                      max={1}
                      value={job.progress}
                      aria-label={`${jobKindWords(job.kind)} progress`}
                      aria-valuetext={`${percent} %`}
                    />
                    <span className={styles.number}>{percent} %</span>
                  </span>
                </td>
                <td>
                  <time dateTime={job.createdAt}>{formatTime(job.createdAt)}</time>
                </td>
                <td className={styles.number}>
                  {duration === null
                    ? job.state === 'QUEUED'
                      ? 'not started'
                      : '–'
                    : formatDuration(duration)}
                </td>
                <td className={styles.number}>{job.attempt}</td>
                <td>
                  {job.message ?? (job.error ? '' : <span className="muted">–</span>)}
                  {job.error && (
                    <p className={styles.error} data-testid="job-error">
                      {job.error}
                    </p>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
