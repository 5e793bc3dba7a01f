'use client';

import { formatBytes, formatCount } from '../../lib/format';
import styles from './import.module.css';
import type { ImportRun } from './use-import-run';

type ImportProgressProps = { run: ImportRun; onCancel: () => void; onSendRest: () => void };

/** How far the batches are, a way to stop before the next one, and the batches that failed with why. */
export function ImportProgress({ run, onCancel, onSendRest }: ImportProgressProps) {
  const done = run.batches.filter((batch) => batch.status === 'done');
  const failed = run.batches.filter((batch) => batch.status === 'failed');
  const unsent = run.batches.filter((batch) => batch.status === 'waiting');
  const total = {
    files: run.batches.reduce((sum, batch) => sum + batch.files, 0),
    bytes: run.batches.reduce((sum, batch) => sum + batch.bytes, 0),
  };
  const sent = {
    files: done.reduce((sum, batch) => sum + batch.files, 0),
    bytes: done.reduce((sum, batch) => sum + batch.bytes, 0) + run.sendingBytes,
  };
  const isBusy = run.phase === 'running' || run.phase === 'stopping';
  return (
    <section
      className={styles.progress}
      aria-labelledby="import-progress-heading"
      data-testid="import-progress"
    >
      <h3 id="import-progress-heading">Upload</h3>
      <progress
        value={sent.bytes}
        max={Math.max(total.bytes, 1)}
        aria-label="Bytes sent"
        aria-valuetext={`${formatBytes(sent.bytes)} of ${formatBytes(total.bytes)}`}
      />
      <p role="status" data-testid="import-progress-text">
        {sent.files.toLocaleString('en')} of {formatCount(total.files, 'file')} sent ·{' '}
        {formatBytes(sent.bytes)} of {formatBytes(total.bytes)} · {done.length + failed.length} of{' '}
        {formatCount(run.batches.length, 'request')} answered
        {run.phase === 'stopping' && ' · stopping after the request on its way…'}
      </p>
      {isBusy && (
        <button
          className="button button-quiet"
          type="button"
          onClick={onCancel}
          disabled={run.phase === 'stopping'}
        >
          Cancel
        </button>
      )}
      {!isBusy && unsent.length > 0 && (
        <p data-testid="import-stopped">
          Stopped with {formatCount(unsent.length, 'request')} ({formatCount(sum(unsent), 'file')}) not sent.
          The {formatCount(done.length, 'request')} already sent stay imported.
        </p>
      )}
      {failed.length > 0 && (
        <ul className={styles.batchErrors} aria-label="Failed requests" data-testid="import-batch-errors">
          {run.batches.map((batch, index) =>
            batch.status === 'failed' && batch.error ? (
              // Batches never reorder.
              // biome-ignore lint/suspicious/noArrayIndexKey: a batch is its place in the plan
              <li key={index} data-testid="import-batch-error" data-error-code={batch.error.code}>
                <span aria-hidden="true">⚠ </span>
                Request {index + 1} ({formatCount(batch.files, 'file')}, {formatBytes(batch.bytes)}) failed:{' '}
                {batch.error.message} <code>{batch.error.code}</code>
              </li>
            ) : null,
          )}
        </ul>
      )}
      {!isBusy && failed.length + unsent.length > 0 && (
        <button className="button" type="button" onClick={onSendRest}>
          {failed.length > 0
            ? `Retry ${formatCount(failed.length + unsent.length, 'request')}`
            : `Send the other ${formatCount(unsent.length, 'request')}`}
        </button>
      )}
    </section>
  );
}

const sum = (batches: ImportRun['batches']) => batches.reduce((total, batch) => total + batch.files, 0);
