import Link from 'next/link';
import { redirect } from 'next/navigation';
import { DatasetSection } from '../components/dataset-section';
import { ErrorPanel } from '../components/error-panel';
import { canCurate } from '../lib/roles';
import { newDatasetImportPath } from '../lib/routes';
import { loadViewer, queryApi } from '../lib/server-api';
import { datasetsQuery, studiesPerDataset } from '../queries/datasets-query';

export default async function DatasetsPage() {
  // A reader sees their reader studies and nothing else.
  const viewer = await loadViewer();
  if (viewer?.role === 'READER') redirect('/read');
  const result = await queryApi(datasetsQuery, { studiesFirst: studiesPerDataset });
  const mayImport = canCurate(viewer?.role);
  return (
    <>
      <div className="page-heading">
        <h1>Datasets</h1>
        {mayImport && (
          <Link
            className="button"
            href={newDatasetImportPath}
            prefetch={false}
            data-testid="new-dataset-link"
          >
            Import into a new dataset
          </Link>
        )}
      </div>
      {!result.ok ? (
        <ErrorPanel
          title="Datasets could not be loaded"
          error={result.error}
          action={
            <Link className="button" href="/" prefetch={false}>
              Try again
            </Link>
          }
        />
      ) : result.data.datasets.length === 0 ? (
        <p className="empty" data-testid="no-datasets">
          No datasets yet. Import images{mayImport ? ' from this browser or' : ''} with{' '}
          <code>loupe import &lt;folder&gt;</code>.
        </p>
      ) : (
        <div className="dataset-list">
          {result.data.datasets.map((dataset) => (
            <DatasetSection key={dataset.id} dataset={dataset} />
          ))}
        </div>
      )}
    </>
  );
}
