import { bandPath, definedRuns, linePath } from '../../lib/charts/paths';
import { linearScale, niceTicks } from '../../lib/charts/scale';
import { formatPercent } from '../../lib/model-metrics';
import type { ModelVersionDetail } from '../../queries/models-query';
import styles from './models.module.css';

const WIDTH = 1100;
const HEIGHT = 300;
const MARGIN = { top: 22, right: 24, bottom: 32, left: 52 };

type Series = {
  value: (version: ModelVersionDetail) => number | null;
  lower: (version: ModelVersionDetail) => number | null;
  upper: (version: ModelVersionDetail) => number | null;
};

const TOP1: Series = {
  value: (v) => v.metrics.accuracy,
  lower: (v) => v.metrics.accuracyLower,
  upper: (v) => v.metrics.accuracyUpper,
};
const TOP2: Series = {
  value: (v) => v.metrics.top2Accuracy,
  lower: (v) => v.metrics.top2Lower,
  upper: (v) => v.metrics.top2Upper,
};

/** Top-1 and top-2 test accuracy of each version, with their 95 % intervals as bands; the promoted one marked. */
export function AccuracyChart({ versions }: { versions: readonly ModelVersionDetail[] }) {
  const ordered = [...versions].sort((a, b) => a.version - b.version);
  const numbers = ordered.map((v) => v.version);
  const x = linearScale(
    [Math.min(...numbers), Math.max(...numbers)],
    [MARGIN.left + 10, WIDTH - MARGIN.right - 10],
  );
  const lows = ordered.flatMap((v) => [TOP1.lower(v) ?? TOP1.value(v), TOP2.lower(v) ?? TOP2.value(v)]);
  const lowest = Math.min(1, ...lows.filter((value): value is number => value !== null));
  const ticks = niceTicks(Math.max(0, lowest), 1, 5).filter((tick) => tick >= 0 && tick <= 1);
  const y = linearScale([ticks[0] ?? 0, 1], [HEIGHT - MARGIN.bottom, MARGIN.top]);
  const every = Math.max(1, Math.ceil(ordered.length / 12));
  const promoted = ordered.find((v) => v.isPromoted);
  const draw = (series: Series, line: string, band: string) =>
    definedRuns(ordered, (v) => series.value(v) !== null).map((run) => (
      <g key={`${line}-${run[0]!.id}`}>
        <path
          className={band}
          d={bandPath(
            run
              .filter((v) => series.lower(v) !== null && series.upper(v) !== null)
              .map((v) => ({ x: x(v.version), lower: y(series.lower(v)!), upper: y(series.upper(v)!) })),
          )}
        />
        <path className={line} d={linePath(run.map((v) => ({ x: x(v.version), y: y(series.value(v)!) })))} />
      </g>
    ));
  const summary = ordered
    .map(
      (v) =>
        `v${v.version}: top-1 ${formatPercent(v.metrics.accuracy)}, top-2 ${formatPercent(v.metrics.top2Accuracy)}`,
    )
    .join('; ');
  return (
    <>
      <svg
        className={styles.chart}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Test accuracy by model version with 95 % intervals. ${summary}.${promoted ? ` v${promoted.version} is promoted.` : ''}`}
        data-testid="accuracy-chart"
      >
        <g className={styles.gridLines}>
          {ticks.map((tick) => (
            <line key={tick} x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} />
          ))}
        </g>
        <g className={styles.axis}>
          {ticks.map((tick) => (
            <text key={tick} x={MARGIN.left - 6} y={y(tick)} dy="0.35em" textAnchor="end">
              {Math.round(tick * 100)} %
            </text>
          ))}
          {ordered
            .filter((_, index) => index % every === 0 || index === ordered.length - 1)
            .map((v) => (
              <text key={v.id} x={x(v.version)} y={HEIGHT - MARGIN.bottom + 18} textAnchor="middle">
                v{v.version}
              </text>
            ))}
        </g>
        {promoted && (
          <g data-testid="accuracy-chart-promoted" data-version={promoted.version}>
            <line
              className={styles.promotedMark}
              x1={x(promoted.version)}
              x2={x(promoted.version)}
              y1={MARGIN.top}
              y2={HEIGHT - MARGIN.bottom}
            />
            <text
              className={styles.promotedText}
              x={x(promoted.version)}
              y={MARGIN.top - 6}
              textAnchor="middle"
            >
              ★ promoted
            </text>
          </g>
        )}
        {draw(TOP2, styles.top2Line!, styles.top2Band!)}
        {draw(TOP1, styles.top1Line!, styles.top1Band!)}
        {ordered.map((v) => (
          <g key={v.id}>
            {v.metrics.top2Accuracy !== null && (
              <rect
                className={styles.top2Point}
                x={x(v.version) - 3.5}
                y={y(v.metrics.top2Accuracy) - 3.5}
                width={7}
                height={7}
              >
                <title>{`v${v.version} top-2 ${formatPercent(v.metrics.top2Accuracy)}`}</title>
              </rect>
            )}
            {v.metrics.accuracy !== null && (
              <circle className={styles.top1Point} cx={x(v.version)} cy={y(v.metrics.accuracy)} r={4}>
                <title>{`v${v.version} top-1 ${formatPercent(v.metrics.accuracy)}`}</title>
              </circle>
            )}
          </g>
        ))}
      </svg>
      <ul className={styles.legend}>
        <li>
          <span className={styles.swatchTop1} aria-hidden="true" />
          Top-1 accuracy (● points, shaded 95 % interval)
        </li>
        <li>
          <span className={styles.swatchTop2} aria-hidden="true" />
          Top-2 accuracy (■ points, lighter 95 % interval)
        </li>
      </ul>
    </>
  );
}
