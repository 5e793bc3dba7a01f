'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import { queryApiFromBrowser } from '../../lib/browser-api';
import { isActiveJob, jobKindWords, jobStateWords, mergeFetchedJobs, upsertJob } from '../../lib/job-details';
import { formatInterval, formatPercent } from '../../lib/model-metrics';
import { datasetPath } from '../../lib/routes';
import { useSubscription } from '../../live/live-provider';
import { modelVersionCreatedSubscription } from '../../queries/dataset-shell-queries';
import { jobDetailProgressSubscription } from '../../queries/jobs-query';
import { queueChangedSubscription } from '../../queries/labeler-queries';
import {
  type DatasetOverviewData,
  datasetOverviewQuery,
  overviewLabelChangedSubscription,
} from '../../queries/overview-query';
import { LabelProgressChart } from './label-progress-chart';
import { LabelShareChart } from './label-share-chart';
import styles from './overview.module.css';

/** Label changes arrive in bursts (bulk labelling): refetch once they settle. */
const REFETCH_DELAY_MS = 800;

const STRATEGY_WORDS: Record<string, string> = {
  RANDOM: 'Random',
  LEAST_CONFIDENT: 'Least confident',
  MARGIN: 'Smallest margin',
  ENTROPY: 'Highest entropy',
  DIVERSE_MARGIN: 'Diverse margin',
  LIKELY_LABEL_ERROR: 'Likely label errors',
};

/** A dataset at a glance, kept current: labels, the newest model, running jobs and the review queue. */
export function OverviewScreen({ initial }: { initial: DatasetOverviewData }) {
  const [data, setData] = useState(initial);
  const [jobs, setJobs] = useState(() => initial.jobs.edges.map((edge) => edge.node));
  const [refreshError, setRefreshError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const datasetId = initial.id;

  const refetch = useCallback(async () => {
    const result = await queryApiFromBrowser(datasetOverviewQuery, { id: datasetId });
    if (result.ok && result.data.dataset) {
      setData(result.data.dataset);
      const fetched = result.data.dataset.jobs.edges.map((edge) => edge.node);
      setJobs((current) => mergeFetchedJobs(current, fetched));
      setRefreshError(null);
    } else if (!result.ok) {
      setRefreshError(result.error.message);
    }
  }, [datasetId]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const refetchSoon = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void refetch(), REFETCH_DELAY_MS);
  }, [refetch]);

  const variables = { datasetId };
  useSubscription(overviewLabelChangedSubscription, variables, refetchSoon, refetch);
  useSubscription(modelVersionCreatedSubscription, variables, refetchSoon);
  // An exclusion changes the counts at once (its retrain follows as a job).
  useSubscription(queueChangedSubscription, variables, (event) => {
    if (event.queueChanged.reason === 'EXCLUDED' || event.queueChanged.reason === 'INCLUDED') refetchSoon();
  });
  useSubscription(jobDetailProgressSubscription, variables, (event) => {
    setJobs((current) => upsertJob(current, event.jobProgress));
    // A finished job may have brought predictions and a model: the queue sizes follow.
    if (!isActiveJob(event.jobProgress)) refetchSoon();
  });

  const { overview } = data;
  const model = data.latestModelVersion;
  const running = jobs.filter(isActiveJob);
  // Excluded images are left out of the labelled count: the share is of the images still in use.
  const inUse = data.imageCount - data.excludedImageCount;
  return (
    <>
      <h2 className="visually-hidden">Overview</h2>
      {refreshError && (
        <p className={styles.refreshError} role="alert">
          The overview could not be refreshed: {refreshError}
          <button type="button" className="button button-quiet" onClick={() => void refetch()}>
            Try again
          </button>
        </p>
      )}
      <dl className={styles.stats}>
        <div className={styles.stat}>
          <dt>Images</dt>
          <dd>
            <span data-testid="overview-images">{data.imageCount}</span>
            <small data-testid="overview-excluded">
              {data.excludedImageCount > 0 ? (
                <Link href={`${datasetPath(datasetId, 'images')}?excluded=yes`} prefetch={false}>
                  {data.excludedImageCount} excluded
                </Link>
              ) : (
                'none excluded'
              )}
            </small>
          </dd>
        </div>
        <div className={styles.stat}>
          <dt>Studies</dt>
          <dd data-testid="overview-studies">{data.studyCount}</dd>
        </div>
        <div className={styles.stat}>
          <dt>Labelled</dt>
          <dd>
            <span data-testid="overview-labelled">{overview.labelledCount}</span>
            <small>
              {formatPercent(inUse ? overview.labelledCount / inUse : 0)} of the images
              {data.excludedImageCount > 0 ? ' in use' : ''}
            </small>
          </dd>
        </div>
        <AccuracyStat
          title="Top-1 accuracy"
          testId="overview-accuracy"
          version={model?.version ?? null}
          value={model?.metrics.accuracy ?? null}
          interval={model ? formatInterval(model.metrics.accuracyLower, model.metrics.accuracyUpper) : null}
        />
        <AccuracyStat
          title="Top-2 accuracy"
          testId="overview-top2"
          version={model?.version ?? null}
          value={model?.metrics.top2Accuracy ?? null}
          interval={model ? formatInterval(model.metrics.top2Lower, model.metrics.top2Upper) : null}
        />
      </dl>
      <div className={styles.grid}>
        <section className={styles.panel} aria-labelledby="overview-share">
          <h3 id="overview-share">Labelled share per category</h3>
          <LabelShareChart counts={overview.labelCounts} labelledCount={overview.labelledCount} />
        </section>
        <section className={styles.panel} aria-labelledby="overview-progress">
          <h3 id="overview-progress">Label progress</h3>
          <LabelProgressChart daily={overview.daily} hourly={overview.hourly} />
        </section>
        <section className={styles.panel} aria-labelledby="overview-jobs" data-testid="overview-running-jobs">
          <h3 id="overview-jobs">Jobs running</h3>
          {running.length === 0 ? (
            <p className="empty">No jobs are running.</p>
          ) : (
            <ul className={styles.jobs}>
              {running.map((job) => {
                const name = `${jobKindWords(job.kind)}: ${jobStateWords(job.state)}`;
                return (
                  <li key={job.id} className={styles.job} data-testid="running-job" data-state={job.state}>
                    <span>
                      {jobKindWords(job.kind)}
                      {job.message ? <span className="muted"> · {job.message}</span> : null}
                    </span>
                    <span className={styles.state}>
                      {jobStateWords(job.state)}{' '}
                      {job.state === 'RUNNING' ? formatPercent(job.progress, 0) : ''}
                    </span>
                    <progress
                      max={1}
                      aria-label={name}
                      {...(job.state === 'RUNNING' ? { value: job.progress } : {})}
                    />
                  </li>
                );
              })}
            </ul>
          )}
          <p>
            <Link href={datasetPath(datasetId, 'jobs')}>All jobs</Link>
          </p>
        </section>
        <section className={styles.panel} aria-labelledby="overview-queue">
          <h3 id="overview-queue">Review queue</h3>
          <table className={styles.table} data-testid="queue-sizes">
            <thead>
              <tr>
                <th scope="col">Strategy</th>
                <th scope="col" className={styles.number}>
                  Images available
                </th>
              </tr>
            </thead>
            <tbody>
              {overview.queueSizes.map((size) => (
                <tr key={size.strategy} data-strategy={size.strategy}>
                  <th scope="row">{STRATEGY_WORDS[size.strategy] ?? size.strategy}</th>
                  <td className={styles.number} data-testid={`queue-size-${size.strategy}`}>
                    {size.available ?? 'not counted'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {!model && <p className="muted">The queue fills once the first model version is trained.</p>}
          <p>
            <Link href={datasetPath(datasetId, 'queue')}>Open the review queue</Link>
          </p>
        </section>
      </div>
    </>
  );
}

/** One accuracy of the newest model version with its 95 % interval. */
function AccuracyStat(props: {
  title: string;
  testId: string;
  version: number | null;
  value: number | null;
  interval: string | null;
}) {
  return (
    <div className={styles.stat}>
      <dt>
        {props.title}
        {props.version === null ? '' : ` (v${props.version})`}
      </dt>
      <dd>
        <span data-testid={props.testId}>{formatPercent(props.value)}</span>
        <small data-testid={`${props.testId}-interval`}>
          {props.version === null
            ? 'No model yet'
            : props.interval
              ? `95 % CI ${props.interval}`
              : 'No interval (no labelled test images)'}
        </small>
      </dd>
    </div>
  );
}
