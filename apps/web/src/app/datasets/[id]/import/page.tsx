import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ErrorPanel } from '../../../../components/error-panel';
import { ImportScreen } from '../../../../components/import/import-screen';
import { RecentImports } from '../../../../components/import/recent-imports';
import { canCurate } from '../../../../lib/roles';
import { datasetPath, idFromSegment } from '../../../../lib/routes';
import { queryApi } from '../../../../lib/server-api';
import { importDatasetQuery } from '../../../../queries/import-queries';

type ImportPageProps = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: 'Import' };

/** Import images from the browser into a dataset: files or a folder, with an optional manifest. */
export default async function ImportPage({ params }: ImportPageProps) {
  const id = idFromSegment((await params).id);
  const result = await queryApi(importDatasetQuery, { id });
  if (!result.ok) {
    const retry = (
      <Link className="button" href={datasetPath(id, 'import')} prefetch={false}>
        Try again
      </Link>
    );
    return <ErrorPanel title="The import screen could not be loaded" error={result.error} action={retry} />;
  }
  const { dataset, me } = result.data;
  if (!dataset) notFound();
  if (!canCurate(me.role)) {
    return (
      <p className="empty" data-testid="import-not-allowed">
        Your role ({me.role.toLowerCase().replace('_', ' ')}) may not import images.
      </p>
    );
  }
  return (
    <>
      <ImportScreen key={dataset.id} dataset={dataset} />
      <RecentImports imports={dataset.imports} />
    </>
  );
}
