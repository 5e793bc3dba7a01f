import { linearScale } from '../../lib/charts/scale';
import { formatPercent, formatRatio, type ReliabilityBin } from '../../lib/model-metrics';
import styles from './models.module.css';

const SIZE = 320;
const MARGIN = { top: 12, right: 12, bottom: 40, left: 48 };
const TICKS = [0, 0.25, 0.5, 0.75, 1];

/**
 * A reliability (calibration) diagram: for each confidence bin, the share of correct top-1 guesses (bar) at
 * the bin's mean confidence (point); a perfectly calibrated model sits on the dashed diagonal.
 */
export function ReliabilityDiagram({
  bins,
  expectedCalibrationError,
}: {
  bins: readonly ReliabilityBin[] | null;
  expectedCalibrationError: number | null;
}) {
  if (!bins || bins.length === 0)
    return <p className="empty">No calibration data: this version had no labelled test images.</p>;
  const x = linearScale([0, 1], [MARGIN.left, SIZE - MARGIN.right]);
  const y = linearScale([0, 1], [SIZE - MARGIN.bottom, MARGIN.top]);
  const filled = bins.filter((bin) => bin.count > 0 && bin.accuracy !== null && bin.meanConfidence !== null);
  return (
    <>
      <svg
        className={styles.square}
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        role="img"
        aria-label={`Reliability diagram, expected calibration error ${formatRatio(expectedCalibrationError)}. ${filled
          .map(
            (bin) =>
              `Confidence ${formatPercent(bin.meanConfidence, 0)}: ${formatPercent(bin.accuracy, 0)} correct of ${bin.count}`,
          )
          .join('; ')}.`}
        data-testid="reliability-diagram"
      >
        <g className={styles.gridLines}>
          {TICKS.map((tick) => (
            <line key={tick} x1={x(0)} x2={x(1)} y1={y(tick)} y2={y(tick)} />
          ))}
        </g>
        <g className={styles.axis}>
          {TICKS.map((tick) => (
            <text key={`y${tick}`} x={MARGIN.left - 6} y={y(tick)} dy="0.35em" textAnchor="end">
              {tick * 100} %
            </text>
          ))}
          {TICKS.map((tick) => (
            <text key={`x${tick}`} x={x(tick)} y={SIZE - MARGIN.bottom + 16} textAnchor="middle">
              {tick * 100} %
            </text>
          ))}
          <text x={(x(0) + x(1)) / 2} y={SIZE - 6} textAnchor="middle">
            Confidence (top-1 probability)
          </text>
          <text transform={`translate(12 ${(y(0) + y(1)) / 2}) rotate(-90)`} textAnchor="middle">
            Accuracy
          </text>
        </g>
        <rect className={styles.frame} x={x(0)} y={y(1)} width={x(1) - x(0)} height={y(0) - y(1)} />
        {bins.map((bin) =>
          bin.count > 0 && bin.accuracy !== null ? (
            <rect
              key={bin.lower}
              className={styles.binBar}
              x={x(bin.lower) + 1}
              y={y(bin.accuracy)}
              width={Math.max(0, x(bin.upper) - x(bin.lower) - 2)}
              height={y(0) - y(bin.accuracy)}
              data-testid="reliability-bin"
            >
              <title>{`${formatPercent(bin.lower, 0)}–${formatPercent(bin.upper, 0)}: ${bin.count} images, ${formatPercent(bin.accuracy)} correct`}</title>
            </rect>
          ) : null,
        )}
        <line className={styles.diagonal} x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} />
        {filled.map((bin) => (
          <circle
            key={bin.lower}
            className={styles.binPoint}
            cx={x(bin.meanConfidence!)}
            cy={y(bin.accuracy!)}
            r={4}
          />
        ))}
      </svg>
      <p className="muted">
        Expected calibration error:{' '}
        <strong data-testid="calibration-error">{formatRatio(expectedCalibrationError)}</strong> (bars: share
        correct per confidence bin; points: at the bin's mean confidence; dashed: perfect calibration)
      </p>
      <details className={styles.numbers}>
        <summary>Show the bins</summary>
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Confidence</th>
              <th scope="col" className={styles.number}>
                Images
              </th>
              <th scope="col" className={styles.number}>
                Mean confidence
              </th>
              <th scope="col" className={styles.number}>
                Accuracy
              </th>
            </tr>
          </thead>
          <tbody>
            {bins.map((bin) => (
              <tr key={bin.lower}>
                <td>
                  {formatPercent(bin.lower, 0)}–{formatPercent(bin.upper, 0)}
                </td>
                <td className={styles.number}>{bin.count}</td>
                <td className={styles.number}>{formatPercent(bin.meanConfidence)}</td>
                <td className={styles.number}>{formatPercent(bin.accuracy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
