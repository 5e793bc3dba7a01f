import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ErrorPanel } from '../../../components/error-panel';
import { OverviewScreen } from '../../../components/overview/overview-screen';
import { datasetPath, idFromSegment } from '../../../lib/routes';
import { queryApi } from '../../../lib/server-api';
import { datasetOverviewQuery } from '../../../queries/overview-query';

export const metadata: Metadata = { title: 'Overview' };

type OverviewPageProps = { params: Promise<{ id: string }> };

/** A dataset's dashboard: counts, label progress, the newest model's accuracy, jobs and the queue. */
export default async function OverviewPage({ params }: OverviewPageProps) {
  const id = idFromSegment((await params).id);
  const result = await queryApi(datasetOverviewQuery, { id });
  if (!result.ok) {
    const retry = (
      <Link className="button" href={datasetPath(id)} prefetch={false}>
        Try again
      </Link>
    );
    return <ErrorPanel title="The overview could not be loaded" error={result.error} action={retry} />;
  }
  const { dataset } = result.data;
  if (!dataset) notFound();
  return <OverviewScreen initial={dataset} />;
}
