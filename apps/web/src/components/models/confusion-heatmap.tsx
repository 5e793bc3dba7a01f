import { fillPercent, heatmapCells, needsLightText } from '../../lib/charts/heatmap';
import styles from './models.module.css';

type Category = { id: string; name: string };

/**
 * A confusion matrix as a table: rows are the true categories, columns the predicted ones, every cell shows
 * its count and is shaded by its share of the row; the diagonal (correct) cells have a heavier border.
 */
export function ConfusionHeatmap({
  confusion,
  categories,
  caption,
  testId = 'confusion-heatmap',
}: {
  confusion: readonly (readonly number[])[] | null;
  categories: readonly Category[];
  caption: string;
  testId?: string;
}) {
  if (!confusion || confusion.length === 0)
    return <p className="empty">No confusion matrix: this version had no labelled test images.</p>;
  const cells = heatmapCells(confusion);
  const size = Math.sqrt(cells.length);
  const name = (index: number) => categories[index]?.name ?? `class ${index + 1}`;
  return (
    <div className={styles.tableScroll}>
      <table className={styles.heatmap} data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <td className={styles.corner} />
            <th scope="colgroup" colSpan={size} className={styles.axisNote}>
              Predicted →
            </th>
          </tr>
          <tr>
            <th scope="col" className={styles.axisNote}>
              True ↓
            </th>
            {Array.from({ length: size }, (_, column) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are the version's fixed class order
              <th key={column} scope="col" title={name(column)}>
                {name(column)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: size }, (_, row) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are the version's fixed class order
            <tr key={row}>
              <th scope="row" title={name(row)}>
                {name(row)}
              </th>
              {cells
                .filter((cell) => cell.row === row)
                .map((cell) => {
                  const percent = fillPercent(cell.share, cell.count);
                  const classes = [
                    cell.isCorrect ? styles.correct : '',
                    needsLightText(cell.share) ? styles.light : '',
                  ]
                    .filter(Boolean)
                    .join(' ');
                  return (
                    <td
                      key={cell.column}
                      className={classes || undefined}
                      style={{
                        background: percent
                          ? `color-mix(in srgb, var(--accent) ${percent}%, var(--surface))`
                          : 'var(--surface)',
                      }}
                      title={`True ${name(row)}, predicted ${name(cell.column)}: ${cell.count} (${Math.round(cell.share * 100)} % of ${name(row)})`}
                      data-testid="confusion-cell"
                      data-row={row}
                      data-column={cell.column}
                    >
                      {cell.count}
                    </td>
                  );
                })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
