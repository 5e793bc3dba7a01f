'use client';

import { useState } from 'react';
import { linePath } from '../../lib/charts/paths';
import { linearScale, niceTicks } from '../../lib/charts/scale';
import { type BucketUnit, bucketLabel, timeOf } from '../../lib/charts/time';
import type { ProgressBucket } from '../../queries/overview-query';
import styles from './overview.module.css';

const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 16, bottom: 36, left: 48 };
const UNIT_MS: Record<BucketUnit, number> = { DAY: 86_400_000, HOUR: 3_600_000 };
const UNIT_WORDS: Record<BucketUnit, string> = { DAY: 'day', HOUR: 'hour' };

/**
 * Labelling over time: label events per day or hour as bars, and the labelled images at the end of each
 * bucket as a cumulative line. The numbers are in a table under the chart too.
 */
export function LabelProgressChart({
  daily,
  hourly,
}: {
  daily: readonly ProgressBucket[];
  hourly: readonly ProgressBucket[];
}) {
  const [unit, setUnit] = useState<BucketUnit>('DAY');
  const buckets = unit === 'DAY' ? daily : hourly;
  return (
    <>
      <fieldset className={styles.toggle}>
        <legend className="visually-hidden">Bucket size</legend>
        {(['DAY', 'HOUR'] as const).map((option) => (
          <button key={option} type="button" aria-pressed={unit === option} onClick={() => setUnit(option)}>
            Per {UNIT_WORDS[option]}
          </button>
        ))}
      </fieldset>
      {buckets.length === 0 ? (
        <p className="empty" data-testid="label-progress-empty">
          No labels yet.
        </p>
      ) : (
        <ProgressSvg buckets={buckets} unit={unit} />
      )}
    </>
  );
}

function ProgressSvg({ buckets, unit }: { buckets: readonly ProgressBucket[]; unit: BucketUnit }) {
  const step = UNIT_MS[unit];
  const first = timeOf(buckets[0]!.start);
  const last = timeOf(buckets.at(-1)!.start) + step;
  const x = linearScale([first, last], [MARGIN.left, WIDTH - MARGIN.right]);
  const top = Math.max(...buckets.map((bucket) => Math.max(bucket.labelledTotal, bucket.labelEvents)));
  const ticks = niceTicks(0, top, 4, { integer: true });
  const y = linearScale([0, ticks.at(-1)!], [HEIGHT - MARGIN.bottom, MARGIN.top]);
  const barWidth = Math.max(2, (x(first + step) - x(first)) * 0.7);
  const startLevel = buckets[0]!.labelledTotal - buckets[0]!.labelledChange;
  const line = [
    { x: x(first), y: y(startLevel) },
    ...buckets.map((bucket) => ({ x: x(timeOf(bucket.start) + step), y: y(bucket.labelledTotal) })),
  ];
  // About six labels along the time axis, the first and the last always among them.
  const every = Math.max(1, Math.ceil(buckets.length / 6));
  const labelled = buckets.filter((_, index) => index % every === 0 || index === buckets.length - 1);
  const final = buckets.at(-1)!;
  return (
    <>
      <svg
        className={styles.chart}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Label progress per ${UNIT_WORDS[unit]}: ${buckets.length} ${UNIT_WORDS[unit]}s with labels, ${final.labelledTotal} labelled images after ${bucketLabel(final.start, unit)}.`}
        data-testid="label-progress-chart"
      >
        <g className={styles.gridLines}>
          {ticks.map((tick) => (
            <line key={tick} x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} />
          ))}
        </g>
        <g className={styles.axis}>
          {ticks.map((tick) => (
            <text key={tick} x={MARGIN.left - 6} y={y(tick)} dy="0.35em" textAnchor="end">
              {tick}
            </text>
          ))}
          {labelled.map((bucket) => (
            <text
              key={bucket.start}
              x={x(timeOf(bucket.start) + step / 2)}
              y={HEIGHT - MARGIN.bottom + 16}
              textAnchor="middle"
            >
              {bucketLabel(bucket.start, unit)}
            </text>
          ))}
        </g>
        {buckets.map((bucket) => {
          const center = x(timeOf(bucket.start) + step / 2);
          return (
            <rect
              key={bucket.start}
              className={styles.eventBar}
              x={center - barWidth / 2}
              y={y(bucket.labelEvents)}
              width={barWidth}
              height={Math.max(0, y(0) - y(bucket.labelEvents))}
            >
              <title>{`${bucketLabel(bucket.start, unit)}: ${bucket.labelEvents} label events, ${bucket.labelledTotal} labelled`}</title>
            </rect>
          );
        })}
        <path className={styles.line} d={linePath(line)} />
        {line.slice(1).map((point, index) => (
          <circle key={buckets[index]!.start} className={styles.dot} cx={point.x} cy={point.y} r={3} />
        ))}
      </svg>
      <ul className={styles.legend}>
        <li>
          <span className={styles.swatchLine} aria-hidden="true" />
          Labelled images (cumulative)
        </li>
        <li>
          <span className={styles.swatchBar} aria-hidden="true" />
          Label events per {UNIT_WORDS[unit]}
        </li>
      </ul>
      <details className={styles.numbers}>
        <summary>Show the numbers</summary>
        <table className={styles.table} data-testid="label-progress-table">
          <thead>
            <tr>
              <th scope="col">{unit === 'DAY' ? 'Day' : 'Hour'} (UTC)</th>
              <th scope="col" className={styles.number}>
                Label events
              </th>
              <th scope="col" className={styles.number}>
                Change
              </th>
              <th scope="col" className={styles.number}>
                Labelled
              </th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((bucket) => (
              <tr key={bucket.start}>
                <td>{bucketLabel(bucket.start, unit)}</td>
                <td className={styles.number}>{bucket.labelEvents}</td>
                <td className={styles.number}>
                  {bucket.labelledChange > 0 ? `+${bucket.labelledChange}` : bucket.labelledChange}
                </td>
                <td className={styles.number}>{bucket.labelledTotal}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
