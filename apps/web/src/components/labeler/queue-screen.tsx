'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../lib/api-result';
import { queryApiFromBrowser } from '../../lib/browser-api';
import { leasedByOthers, withoutImages } from '../../lib/queue-flow';
import {
  formatProbability,
  type QueueStrategy,
  queueStrategies,
  strategyTitle,
} from '../../lib/queue-strategies';
import { refetchDelay } from '../../lib/refetch-delay';
import { datasetPath, labelPath } from '../../lib/routes';
import { useSubscription } from '../../live/live-provider';
import { modelVersionCreatedSubscription } from '../../queries/dataset-shell-queries';
import {
  type LabelerQueueItem,
  labelChangedSubscription,
  queueChangedSubscription,
  takeQueueItemsMutation,
} from '../../queries/labeler-queries';
import { ErrorPanel } from '../error-panel';
import styles from './queue-screen.module.css';
import { releaseLeases } from './release-leases';

const BATCH = 10;

type QueueScreenProps = { datasetId: string; strategy: QueueStrategy };

/**
 * The review queue: pick a strategy, see the images it hands this annotator (leased to them, so nobody
 * else gets them meanwhile) and why each was chosen, then label them one after another. The list follows
 * labels, leases and new model versions live.
 */
export function QueueScreen({ datasetId, strategy }: QueueScreenProps) {
  const router = useRouter();
  const [items, setItems] = useState<LabelerQueueItem[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [modelNotice, setModelNotice] = useState<number | null>(null);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const [refreshes, setRefreshes] = useState(0);
  const mine = useRef(new Set<string>());
  const latest = useRef(items);
  latest.current = items;
  /** Set when the annotator goes on to label: the leases go with them to the labeler. */
  const keepLeases = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const take = useCallback(async () => {
    const result = await queryApiFromBrowser(takeQueueItemsMutation, { datasetId, strategy, count: BATCH });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    for (const item of result.data.takeQueueItems) mine.current.add(item.image.id);
    setItems(result.data.takeQueueItems);
    setUpdatedAt(new Date());
    setRefreshes((count) => count + 1);
  }, [datasetId, strategy]);

  const scheduleRefetch = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void take(), refetchDelay());
  }, [take]);

  useEffect(() => {
    void take();
    const release = () => {
      if (keepLeases.current) return;
      releaseLeases((latest.current ?? []).map((item) => item.image.id));
    };
    window.addEventListener('pagehide', release);
    return () => {
      clearTimeout(timer.current);
      window.removeEventListener('pagehide', release);
      release();
    };
  }, [take]);

  const variables = { datasetId };
  useSubscription(
    queueChangedSubscription,
    variables,
    (data) => {
      const ids = data.queueChanged.images.map((image) => image.id);
      if (data.queueChanged.reason === 'LEASED') {
        const others = leasedByOthers(ids, mine.current);
        if (others.length > 0) setItems((current) => current && withoutImages(current, others));
        return;
      }
      scheduleRefetch();
    },
    scheduleRefetch,
  );
  useSubscription(labelChangedSubscription, variables, () => scheduleRefetch());
  useSubscription(modelVersionCreatedSubscription, variables, (data) => {
    setModelNotice(data.modelVersionCreated.version);
    scheduleRefetch();
  });

  const chooseStrategy = (name: string) => {
    router.replace(`${datasetPath(datasetId, 'queue')}?${new URLSearchParams({ strategy: name })}`);
  };

  const first = items?.[0];
  return (
    <section className={styles.queue} aria-labelledby="queue-title">
      <h2 id="queue-title">Review queue</h2>
      {modelNotice !== null && (
        <div
          className={styles.modelNotice}
          role="status"
          data-testid="model-notice"
          data-version={modelNotice}
        >
          <span aria-hidden="true">★</span> New model v{modelNotice} is here: the queue was re-ranked with its
          predictions.
          <button type="button" className="button-quiet" onClick={() => setModelNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      <fieldset className={styles.strategies}>
        <legend>Strategy</legend>
        {queueStrategies.map((option) => (
          <label key={option.name} className={styles.strategy}>
            <input
              type="radio"
              name="strategy"
              value={option.name}
              checked={option.name === strategy}
              onChange={() => chooseStrategy(option.name)}
            />
            <span>
              <strong>{option.title}</strong> <span className="muted">{option.description}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {error && (
        <ErrorPanel
          title="The queue could not be read"
          error={error}
          action={
            <button type="button" className="button" onClick={() => void take()}>
              Try again
            </button>
          }
        />
      )}
      <div className={styles.toolbar}>
        {first ? (
          <Link
            className="button"
            href={labelPath(datasetId, first.image.id, strategy)}
            onClick={() => {
              keepLeases.current = true;
            }}
            data-testid="start-labeling"
          >
            Start labeling ({strategyTitle(strategy)})
          </Link>
        ) : null}
        <button type="button" className="button button-quiet" onClick={() => void take()}>
          Refresh
        </button>
        <span className="muted" role="status" data-testid="queue-status" data-refreshes={refreshes}>
          {items === null
            ? 'Taking images from the queue…'
            : `${items.length} ${items.length === 1 ? 'image' : 'images'} leased to you for two minutes${
                updatedAt ? `, updated ${updatedAt.toLocaleTimeString('en-GB')}` : ''
              }`}
        </span>
      </div>
      {items && items.length === 0 && (
        <p className="empty" data-testid="queue-empty">
          Nothing to review with this strategy right now: every image is labelled, leased to someone else, or
          not yet predicted by a model. The list refills live when that changes.
        </p>
      )}
      {items && items.length > 0 && (
        <table className={styles.table} data-testid="queue-table">
          <caption className="visually-hidden">
            Images in the queue, in the order the strategy ranks them
          </caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Image</th>
              <th scope="col">Why</th>
              <th scope="col">Model’s first guess</th>
              <th scope="col">Second guess</th>
              <th scope="col">Score</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item, index) => (
              <tr key={item.image.id} data-testid="queue-item" data-image-id={item.image.id}>
                <td>{index + 1}</td>
                <td>
                  <Link
                    className={styles.imageLink}
                    href={labelPath(datasetId, item.image.id, strategy)}
                    onClick={() => {
                      keepLeases.current = true;
                    }}
                  >
                    {/* biome-ignore lint/performance/noImgElement: the API's bytes; loading it here readies the labeler */}
                    <img src={item.image.originalUrl} alt="" width={48} height={48} loading="lazy" />
                    <span>
                      {item.image.sourceFileName} <span className="muted">study {item.image.study.key}</span>
                    </span>
                  </Link>
                </td>
                <td data-testid="queue-item-reason">{item.reason}</td>
                <td>
                  {item.top1 ? `${item.top1.category.name} ${formatProbability(item.top1.probability)}` : '–'}
                </td>
                <td>
                  {item.top2 ? `${item.top2.category.name} ${formatProbability(item.top2.probability)}` : '–'}
                </td>
                <td className={styles.number}>{item.score.toFixed(3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
