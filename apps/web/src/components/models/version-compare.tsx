import { formatPercent, formatRatio, readRawMetrics } from '../../lib/model-metrics';
import type { ModelVersionDetail } from '../../queries/models-query';
import { ConfusionHeatmap } from './confusion-heatmap';
import styles from './models.module.css';

type Row = {
  label: string;
  left: number | null;
  right: number | null;
  format: (value: number | null) => string;
  /** Whether a higher value is better (accuracy) or worse (calibration error); null for plain counts. */
  higherIsBetter: boolean | null;
};

const signed = (value: number, format: (value: number | null) => string) =>
  `${value > 0 ? '+' : value < 0 ? '−' : '±'}${format(Math.abs(value))}`;

/** Two model versions side by side: their headline metrics, each category's F1, and their confusion matrices. */
export function VersionCompare({ left, right }: { left: ModelVersionDetail; right: ModelVersionDetail }) {
  const count = (value: number | null) => (value === null ? '–' : String(value));
  const rows: Row[] = [
    {
      label: 'Test images',
      left: left.metrics.testImageCount,
      right: right.metrics.testImageCount,
      format: count,
      higherIsBetter: null,
    },
    {
      label: 'Training labels',
      left: left.trainingLabelCount,
      right: right.trainingLabelCount,
      format: count,
      higherIsBetter: null,
    },
    {
      label: 'Top-1 accuracy',
      left: left.metrics.accuracy,
      right: right.metrics.accuracy,
      format: formatPercent,
      higherIsBetter: true,
    },
    {
      label: 'Top-2 accuracy',
      left: left.metrics.top2Accuracy,
      right: right.metrics.top2Accuracy,
      format: formatPercent,
      higherIsBetter: true,
    },
    {
      label: 'Macro F1',
      left: left.metrics.macroF1,
      right: right.metrics.macroF1,
      format: formatRatio,
      higherIsBetter: true,
    },
    {
      label: 'Expected calibration error',
      left: left.metrics.expectedCalibrationError,
      right: right.metrics.expectedCalibrationError,
      format: formatRatio,
      higherIsBetter: false,
    },
  ];
  const leftClasses = readRawMetrics(left.metrics.raw).perClass ?? [];
  const rightClasses = readRawMetrics(right.metrics.raw).perClass ?? [];
  const f1Of = (version: ModelVersionDetail, classes: typeof leftClasses, categoryId: string) => {
    const index = version.categories.findIndex((category) => category.id === categoryId);
    return classes.find((row) => row.classIndex === index)?.f1 ?? null;
  };
  const categories = [...left.categories, ...right.categories].filter(
    (category, index, all) => all.findIndex((other) => other.id === category.id) === index,
  );
  for (const category of categories)
    rows.push({
      label: `F1 ${category.name}`,
      left: f1Of(left, leftClasses, category.id),
      right: f1Of(right, rightClasses, category.id),
      format: formatRatio,
      higherIsBetter: true,
    });
  return (
    <>
      <div className={styles.tableScroll}>
        <table className={styles.table} data-testid="compare-table">
          <caption className="visually-hidden">
            Version {left.version} compared with version {right.version}
          </caption>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col" className={styles.number}>
                v{left.version}
                {left.isPromoted ? ' ★' : ''}
              </th>
              <th scope="col" className={styles.number}>
                v{right.version}
                {right.isPromoted ? ' ★' : ''}
              </th>
              <th scope="col" className={styles.number}>
                Difference (v{right.version} − v{left.version})
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const difference = row.left !== null && row.right !== null ? row.right - row.left : null;
              const verdict =
                difference === null || difference === 0 || row.higherIsBetter === null
                  ? ''
                  : difference > 0 === row.higherIsBetter
                    ? ' better'
                    : ' worse';
              return (
                <tr key={row.label}>
                  <th scope="row">{row.label}</th>
                  <td className={styles.number}>{row.format(row.left)}</td>
                  <td className={styles.number}>{row.format(row.right)}</td>
                  <td className={`${styles.number} ${verdict === ' better' ? styles.better : ''}`}>
                    {difference === null ? '–' : `${signed(difference, row.format)}${verdict}`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className={styles.columns}>
        {(
          [
            ['left', left],
            ['right', right],
          ] as const
        ).map(([side, version]) => (
          <div key={side}>
            <h4>Confusion matrix, v{version.version}</h4>
            <ConfusionHeatmap
              confusion={version.metrics.confusion}
              categories={version.categories}
              caption={`Confusion matrix of version ${version.version}`}
              testId={`compare-heatmap-${side}`}
            />
          </div>
        ))}
      </div>
    </>
  );
}
