'use client';

import { useState } from 'react';
import { currentActivity, describeActivity } from '../../lib/job-activity';
import { upsertJob } from '../../lib/job-details';
import { type LiveStatus, useLiveStatus, useSubscription } from '../../live/live-provider';
import {
  type DatasetShell,
  jobProgressSubscription,
  modelVersionCreatedSubscription,
  type ShellModelVersion,
} from '../../queries/dataset-shell-queries';

const percent = (value: number | null | undefined) => (value == null ? '–' : `${(value * 100).toFixed(1)} %`);

const LIVE_WORDS: Record<LiveStatus, string> = {
  CONNECTING: 'Connecting…',
  LIVE: 'Live',
  OFFLINE: 'Offline, reconnecting…',
};

/** The dataset's name, its newest model version and what the worker is doing, kept current live. */
export function DatasetHeader({ dataset }: { dataset: DatasetShell }) {
  const [model, setModel] = useState<ShellModelVersion | null>(dataset.latestModelVersion);
  const [jobs, setJobs] = useState(() => dataset.jobs.edges.map((edge) => edge.node));
  const live = useLiveStatus();
  const variables = { datasetId: dataset.id };
  useSubscription(jobProgressSubscription, variables, (data) =>
    setJobs((current) => upsertJob(current, data.jobProgress).slice(0, 50)),
  );
  useSubscription(modelVersionCreatedSubscription, variables, (data) =>
    setModel((current) =>
      !current || data.modelVersionCreated.version > current.version ? data.modelVersionCreated : current,
    ),
  );
  const activity = currentActivity(jobs);
  return (
    <header className="dataset-header" data-testid="dataset-header">
      <h1 className="dataset-title" data-testid="dataset-title">
        {dataset.name}
      </h1>
      <p className="dataset-model" data-testid="current-model" data-version={model?.version ?? ''}>
        {model ? (
          <>
            Model <strong>v{model.version}</strong>
            <span className="muted">
              {' '}
              · top-1 {percent(model.metrics.accuracy)} · top-2 {percent(model.metrics.top2Accuracy)}
            </span>
          </>
        ) : (
          <span className="muted">No model yet</span>
        )}
      </p>
      <p className="dataset-activity" role="status" data-testid="training-indicator">
        {activity ? (
          <>
            <span className="activity-dot activity-busy" aria-hidden="true" />
            {describeActivity(activity)}
            {activity.state === 'RUNNING' && (
              <progress value={activity.progress} max={1} aria-label={describeActivity(activity)} />
            )}
          </>
        ) : (
          <>
            <span className="activity-dot" aria-hidden="true" />
            Idle
          </>
        )}
        <span className="muted live-status" data-testid="live-status" data-status={live}>
          {LIVE_WORDS[live]}
        </span>
      </p>
    </header>
  );
}
