'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { formatCount } from '../../lib/format';
import { type ImportFailureItem, summarizeImport } from '../../lib/import-report';
import type { LocalSkip } from '../../lib/import-selection';
import { datasetPath, datasetStudiesPath } from '../../lib/routes';
import styles from './import.module.css';
import type { ImportRun } from './use-import-run';

type ImportReportViewProps = {
  run: ImportRun;
  localSkipped: LocalSkip[];
  localFailures: ImportFailureItem[];
  hasManifest: boolean;
};

/** What the import did, all requests together: counts, each failure and skipped file, where to look next. */
export function ImportReportView({ run, localSkipped, localFailures, hasManifest }: ImportReportViewProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const reports = run.batches.flatMap((batch) => (batch.report ? [batch.report] : []));
  const summary = summarizeImport({ reports, localSkipped, localFailures, hasManifest });
  const isComplete = run.batches.every((batch) => batch.status === 'done');
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className={styles.report} aria-labelledby="import-report-heading" data-testid="import-report">
      <h3 id="import-report-heading" ref={heading} tabIndex={-1}>
        {isComplete ? 'Import report' : 'Import report of the requests answered so far'}
      </h3>
      <dl className={styles.counts}>
        <Count label="Imported" value={summary.imported} testId="import-imported" />
        <Count label="Already present" value={summary.alreadyPresent} testId="import-already-present" />
        <Count label="Failed" value={summary.failed} testId="import-failed" />
        <Count label="Skipped" value={summary.skipped.length} testId="import-skipped" />
        {summary.manifestRowsWithoutFile !== null && (
          <Count
            label="Manifest rows naming no uploaded file"
            value={summary.manifestRowsWithoutFile}
            testId="import-rows-without-file"
          />
        )}
      </dl>
      {run.dataset && (
        <p className={styles.links}>
          See <strong>{run.dataset.name}</strong>:{' '}
          <Link href={datasetStudiesPath(run.dataset.id)} prefetch={false} data-testid="import-studies-link">
            Studies
          </Link>{' '}
          ·{' '}
          <Link href={datasetPath(run.dataset.id, 'images')} prefetch={false}>
            Images
          </Link>{' '}
          ·{' '}
          <Link href={datasetPath(run.dataset.id)} prefetch={false}>
            Overview
          </Link>
        </p>
      )}
      {summary.failures.length > 0 && <FailureTable failures={summary.failures} />}
      {summary.skipped.length > 0 && (
        <details className={styles.skipped} data-testid="import-skipped-list">
          <summary>{formatCount(summary.skipped.length, 'skipped file')}</summary>
          <ul>
            {summary.skipped.map((skip) => (
              <li key={`${skip.file}\n${skip.reason}`}>
                <code>{skip.file}</code> <span className="muted">· {skip.reason}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function Count({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value.toLocaleString('en')}</dd>
    </div>
  );
}

function FailureTable({ failures }: { failures: ImportFailureItem[] }) {
  return (
    <table className={styles.table} data-testid="import-failures">
      <caption className={styles.caption}>{formatCount(failures.length, 'failure')}</caption>
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col" className={styles.numeric}>
            Manifest line
          </th>
          <th scope="col">Code</th>
          <th scope="col">Message</th>
        </tr>
      </thead>
      <tbody>
        {failures.map((failure, index) => (
          // The same file may fail twice (two manifest rows), and failures never reorder.
          // biome-ignore lint/suspicious/noArrayIndexKey: static list
          <tr key={index} data-testid="import-failure" data-error-code={failure.code}>
            <th scope="row">
              <code>{failure.file}</code>
            </th>
            <td className={styles.numeric}>{failure.line ?? '–'}</td>
            <td>
              <code>{failure.code}</code>
            </td>
            <td>{failure.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
