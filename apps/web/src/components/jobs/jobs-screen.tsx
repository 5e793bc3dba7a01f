'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { queryApiFromBrowser } from '../../lib/browser-api';
import { appendJobs, isActiveJob, upsertJob } from '../../lib/job-details';
import { useSubscription } from '../../live/live-provider';
import {
  datasetJobsQuery,
  type JobDetail,
  type JobPage,
  jobDetailProgressSubscription,
  jobsPerPage,
  requestRetrainMutation,
} from '../../queries/jobs-query';
import { JobTable } from './job-table';
import styles from './jobs.module.css';

const rememberIn = (known: Set<string>, page: readonly JobDetail[]) => {
  for (const job of page) known.add(job.id);
};

type JobsScreenProps = { datasetId: string; firstPage: JobPage; canTrain: boolean; role: string };

/** A dataset's jobs, newest first and kept current live, with more pages on request and a retrain button. */
export function JobsScreen({ datasetId, firstPage, canTrain, role }: JobsScreenProps) {
  const [jobs, setJobs] = useState<JobDetail[]>(() => firstPage.edges.map((edge) => edge.node));
  const [page, setPage] = useState(firstPage.pageInfo);
  const [totalCount, setTotalCount] = useState(firstPage.totalCount);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [retrain, setRetrain] = useState<
    { state: 'IDLE' | 'SENDING' | 'SENT' } | { state: 'FAILED'; message: string }
  >({
    state: 'IDLE',
  });
  const [now, setNow] = useState(() => Date.now());
  // Jobs the list holds, so a live event about a new one can count it once.
  const known = useRef(new Set(jobs.map((job) => job.id)));

  // Running jobs' durations tick while any runs.
  const anyActive = jobs.some(isActiveJob);
  useEffect(() => {
    if (!anyActive) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [anyActive]);

  const refreshFirstPage = useCallback(async () => {
    const result = await queryApiFromBrowser(datasetJobsQuery, {
      id: datasetId,
      first: jobsPerPage,
      after: null,
    });
    if (!result.ok || !result.data.dataset) return;
    const fresh = result.data.dataset.jobs;
    rememberIn(
      known.current,
      fresh.edges.map((edge) => edge.node),
    );
    setTotalCount(fresh.totalCount);
    setJobs((current) => {
      let merged = current;
      for (const { node } of [...fresh.edges].reverse()) merged = upsertJob(merged, node);
      return merged;
    });
  }, [datasetId]);

  useSubscription(
    jobDetailProgressSubscription,
    { datasetId },
    (event) => {
      const job = event.jobProgress;
      if (!known.current.has(job.id)) {
        known.current.add(job.id);
        setTotalCount((count) => count + 1);
      }
      setJobs((current) => upsertJob(current, job));
      setNow(Date.now());
    },
    refreshFirstPage,
  );

  const loadMore = async () => {
    if (!page.endCursor) return;
    setLoading(true);
    setLoadError(null);
    const result = await queryApiFromBrowser(datasetJobsQuery, {
      id: datasetId,
      first: jobsPerPage,
      after: page.endCursor,
    });
    setLoading(false);
    if (!result.ok) {
      setLoadError(result.error.message);
      return;
    }
    const more = result.data.dataset?.jobs;
    if (!more) return;
    rememberIn(
      known.current,
      more.edges.map((edge) => edge.node),
    );
    setJobs((current) =>
      appendJobs(
        current,
        more.edges.map((edge) => edge.node),
      ),
    );
    setPage(more.pageInfo);
    setTotalCount(more.totalCount);
  };

  const requestRetrain = async () => {
    setRetrain({ state: 'SENDING' });
    const result = await queryApiFromBrowser(requestRetrainMutation, { datasetId });
    if (!result.ok) {
      setRetrain({ state: 'FAILED', message: [result.error.message, ...result.error.details].join(' ') });
      return;
    }
    setRetrain({ state: 'SENT' });
    // The queued job shows up live; fetching the first page covers an event missed meanwhile.
    await refreshFirstPage();
  };

  return (
    <>
      <div className={styles.toolbar}>
        <h2>Jobs</h2>
        {canTrain ? (
          <>
            <p className={styles.status} role="status">
              {retrain.state === 'SENT' ? 'Training run requested.' : ''}
            </p>
            <button
              type="button"
              className="button"
              onClick={() => void requestRetrain()}
              disabled={retrain.state === 'SENDING'}
            >
              {retrain.state === 'SENDING' ? 'Requesting…' : 'Retrain now'}
            </button>
          </>
        ) : (
          <p className={styles.note}>
            Training runs are started by data scientists and admins; you are signed in as{' '}
            {role.toLowerCase().replace('_', ' ')}.
          </p>
        )}
        {retrain.state === 'FAILED' && (
          <p className={styles.inlineError} role="alert" data-testid="retrain-error">
            The training run could not be requested: {retrain.message}
          </p>
        )}
      </div>
      <p className="muted" data-testid="jobs-summary">
        Showing {jobs.length} of {totalCount} jobs
      </p>
      {jobs.length === 0 ? <p className="empty">No jobs yet.</p> : <JobTable jobs={jobs} now={now} />}
      {loadError && (
        <p className={styles.inlineError} role="alert">
          More jobs could not be loaded: {loadError}
        </p>
      )}
      {page.hasNextPage && (
        <p className={styles.more}>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => void loadMore()}
            disabled={loading}
          >
            {loading ? 'Loading…' : 'Load more jobs'}
          </button>
        </p>
      )}
    </>
  );
}
