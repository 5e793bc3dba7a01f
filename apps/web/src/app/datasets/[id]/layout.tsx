import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { DatasetHeader } from '../../../components/dataset/dataset-header';
import { DatasetNav } from '../../../components/dataset/dataset-nav';
import { ErrorPanel } from '../../../components/error-panel';
import { env } from '../../../env';
import { canCurate } from '../../../lib/roles';
import { datasetPath, idFromSegment } from '../../../lib/routes';
import { loadViewer, queryApi } from '../../../lib/server-api';
import { LiveProvider } from '../../../live/live-provider';
import { datasetShellQuery } from '../../../queries/dataset-shell-queries';

type DatasetLayoutProps = { children: ReactNode; params: Promise<{ id: string }> };

/** Every screen of a dataset: its header (newest model, worker activity), its tabs, live updates. */
export default async function DatasetLayout({ children, params }: DatasetLayoutProps) {
  const id = idFromSegment((await params).id);
  const [result, viewer] = await Promise.all([queryApi(datasetShellQuery, { id }), loadViewer()]);
  if (!result.ok) {
    const retry = (
      <Link className="button" href={datasetPath(id)} prefetch={false}>
        Try again
      </Link>
    );
    return <ErrorPanel title="This dataset could not be loaded" error={result.error} action={retry} />;
  }
  const { dataset } = result.data;
  if (!dataset) notFound();
  return (
    <LiveProvider endpoint={env.live}>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Datasets</Link> <span aria-hidden="true">/</span> <span>{dataset.name}</span>
      </nav>
      <DatasetHeader dataset={dataset} />
      <DatasetNav datasetId={dataset.id} canCurate={canCurate(viewer?.role)} />
      <div className="dataset-screen">{children}</div>
    </LiveProvider>
  );
}
