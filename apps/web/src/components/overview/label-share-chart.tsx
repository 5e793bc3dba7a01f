import { bandLayout, linearScale } from '../../lib/charts/scale';
import { formatPercent } from '../../lib/model-metrics';
import styles from './overview.module.css';

type CategoryCount = { category: { id: string; name: string }; labelledCount: number };

const WIDTH = 640;
const ROW = 30;
const LEFT = 130;
const RIGHT = 110;

/** One horizontal bar per category: how many images carry it now and its share of the labelled images. */
export function LabelShareChart({
  counts,
  labelledCount,
}: {
  counts: readonly CategoryCount[];
  labelledCount: number;
}) {
  if (counts.length === 0) return <p className="empty">This dataset has no categories yet.</p>;
  const height = counts.length * ROW + 8;
  const max = Math.max(1, ...counts.map((count) => count.labelledCount));
  const x = linearScale([0, max], [LEFT, WIDTH - RIGHT]);
  const bands = bandLayout(counts.length, [4, height - 4], 0.3);
  const describe = (count: CategoryCount) =>
    `${count.category.name}: ${count.labelledCount} (${formatPercent(labelledCount ? count.labelledCount / labelledCount : 0)})`;
  return (
    <svg
      className={styles.chart}
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={`Labelled images per category. ${counts.map(describe).join('; ')}.`}
      data-testid="label-share-chart"
    >
      {counts.map((count, index) => {
        const top = bands.start(index);
        const share = labelledCount ? count.labelledCount / labelledCount : 0;
        const end = x(count.labelledCount);
        return (
          <g
            key={count.category.id}
            data-testid="category-bar"
            data-category={count.category.name}
            data-count={count.labelledCount}
          >
            <text
              x={LEFT - 8}
              y={top + bands.width / 2}
              dy="0.35em"
              textAnchor="end"
              className={styles.barLabel}
            >
              {count.category.name.length > 18 ? `${count.category.name.slice(0, 17)}…` : count.category.name}
            </text>
            <rect
              x={LEFT}
              y={top}
              width={Math.max(0, end - LEFT)}
              height={bands.width}
              className={styles.bar}
              rx={2}
            />
            <text x={end + 6} y={top + bands.width / 2} dy="0.35em" className={styles.barLabel}>
              {count.labelledCount} · {formatPercent(share, 0)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
