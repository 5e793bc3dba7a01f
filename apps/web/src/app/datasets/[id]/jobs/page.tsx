import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ErrorPanel } from '../../../../components/error-panel';
import { JobsScreen } from '../../../../components/jobs/jobs-screen';
import { datasetPath, idFromSegment } from '../../../../lib/routes';
import { queryApi } from '../../../../lib/server-api';
import { datasetJobsQuery, jobsPerPage } from '../../../../queries/jobs-query';

export const metadata: Metadata = { title: 'Jobs' };

type JobsPageProps = { params: Promise<{ id: string }> };

/** A dataset's background jobs: embedding and training runs, their state, progress and errors. */
export default async function JobsPage({ params }: JobsPageProps) {
  const id = idFromSegment((await params).id);
  const result = await queryApi(datasetJobsQuery, { id, first: jobsPerPage, after: null });
  if (!result.ok) {
    const retry = (
      <Link className="button" href={datasetPath(id, 'jobs')} prefetch={false}>
        Try again
      </Link>
    );
    return <ErrorPanel title="The jobs could not be loaded" error={result.error} action={retry} />;
  }
  const { dataset, me } = result.data;
  if (!dataset) notFound();
  return (
    <JobsScreen
      datasetId={dataset.id}
      firstPage={dataset.jobs}
      canTrain={me.role === 'ADMIN' || me.role === 'DATA_SCIENTIST'}
      role={me.role}
    />
  );
}
