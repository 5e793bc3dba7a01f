import Link from 'next/link';
import { formatCount } from '../lib/format';
import { datasetAnchor, datasetPath, studyPath } from '../lib/routes';
import type { DatasetSummary } from '../queries/datasets-query';

/** A dataset with its studies, each linking to the study's images. */
export function DatasetSection({ dataset }: { dataset: DatasetSummary }) {
  const headingId = datasetAnchor(dataset.id);
  const studies = dataset.studies.edges.map((edge) => edge.node);
  const hidden = dataset.studies.totalCount - studies.length;
  return (
    <section className="card" aria-labelledby={headingId} data-testid="dataset" data-dataset-id={dataset.id}>
      <header className="card-header">
        <h2 id={headingId}>
          <Link href={datasetPath(dataset.id)} data-testid="dataset-name" prefetch={false}>
            {dataset.name}
          </Link>
        </h2>
        <p className="muted">
          {formatCount(dataset.studyCount, 'study', 'studies')} · {formatCount(dataset.imageCount, 'image')}
          {dataset.excludedImageCount > 0 && (
            <span data-testid="dataset-excluded">
              {' '}
              · {dataset.excludedImageCount.toLocaleString('en')} excluded
            </span>
          )}
        </p>
      </header>
      {studies.length === 0 ? (
        <p className="muted">
          No studies yet. Import a folder with <code>loupe import</code>.
        </p>
      ) : (
        <table className="study-table">
          <caption className="visually-hidden">Studies of {dataset.name}</caption>
          <thead>
            <tr>
              <th scope="col">Study</th>
              <th scope="col" className="numeric">
                Images
              </th>
            </tr>
          </thead>
          <tbody>
            {studies.map((study) => (
              <tr key={study.id} data-testid="study-row">
                <td>
                  <Link href={studyPath(study.id)} data-testid="study-link" prefetch={false}>
                    {study.key}
                  </Link>
                </td>
                <td className="numeric" data-testid="study-image-count">
                  {study.imageCount.toLocaleString('en')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hidden > 0 && <p className="muted">and {formatCount(hidden, 'more study', 'more studies')}</p>}
    </section>
  );
}
