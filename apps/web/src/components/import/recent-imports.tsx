import type { ImportDatasetQuery } from '../../gql/operations';
import { formatCount } from '../../lib/format';

type Imports = NonNullable<ImportDatasetQuery['dataset']>['imports'];

const formatTime = (iso: string) => new Date(iso).toLocaleString('en');

/** The dataset's latest imports, from the browser or `loupe import`: when, from where, by whom, and the counts. */
export function RecentImports({ imports }: { imports: Imports }) {
  const rows = imports.edges.map((edge) => edge.node);
  return (
    <section aria-labelledby="recent-imports-heading" data-testid="recent-imports">
      <h2 id="recent-imports-heading">Recent imports</h2>
      {rows.length === 0 ? (
        <p className="empty">Nothing has been imported into this dataset yet.</p>
      ) : (
        <table className="study-table">
          <caption className="muted">
            The latest {rows.length} of {formatCount(imports.totalCount, 'import')}
          </caption>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">From</th>
              <th scope="col">By</th>
              <th scope="col" className="numeric">
                Imported
              </th>
              <th scope="col" className="numeric">
                Already present
              </th>
              <th scope="col" className="numeric">
                Failed
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-testid="recent-import">
                <td>
                  <time dateTime={row.startedAt}>{formatTime(row.startedAt)}</time>
                  {row.finishedAt ? null : <span className="muted"> (did not finish)</span>}
                </td>
                <td>{row.source}</td>
                <td>{row.importedBy?.name ?? '—'}</td>
                <td className="numeric" data-testid="recent-import-imported">
                  {row.imported}
                </td>
                <td className="numeric">{row.alreadyPresent}</td>
                <td className="numeric" data-testid="recent-import-failed">
                  {row.failed}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
