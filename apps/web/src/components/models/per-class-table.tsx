import { type ClassMetrics, formatRatio } from '../../lib/model-metrics';
import styles from './models.module.css';

/** Precision, recall, F1 and support of each category on the test images. */
export function PerClassTable({
  perClass,
  categories,
}: {
  perClass: readonly ClassMetrics[] | null;
  categories: readonly { id: string; name: string }[];
}) {
  if (!perClass || perClass.length === 0)
    return <p className="empty">No per-class metrics: this version had no labelled test images.</p>;
  return (
    <div className={styles.tableScroll}>
      <table className={styles.table} data-testid="per-class-table">
        <caption className="visually-hidden">Per-class metrics on the test images</caption>
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col" className={styles.number}>
              Precision
            </th>
            <th scope="col" className={styles.number}>
              Recall
            </th>
            <th scope="col" className={styles.number}>
              F1
            </th>
            <th scope="col" className={styles.number}>
              Support
            </th>
          </tr>
        </thead>
        <tbody>
          {perClass.map((row) => (
            <tr key={row.classIndex}>
              <th scope="row">{categories[row.classIndex]?.name ?? `class ${row.classIndex + 1}`}</th>
              <td className={styles.number}>{formatRatio(row.precision)}</td>
              <td className={styles.number}>{formatRatio(row.recall)}</td>
              <td className={styles.number}>{formatRatio(row.f1)}</td>
              <td className={styles.number}>{row.support}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
