import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ErrorPanel } from '../../../../components/error-panel';
import { ReaderStudiesScreen } from '../../../../components/reader/reader-studies-screen';
import { datasetPath, idFromSegment } from '../../../../lib/routes';
import { queryApi } from '../../../../lib/server-api';
import { readerCandidatesQuery, readerStudiesScreenQuery } from '../../../../queries/reader-study-queries';

type ReaderStudiesPageProps = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: 'Reader studies' };

/** A dataset's reader studies: human readers against the model on the same images. */
export default async function ReaderStudiesPage({ params }: ReaderStudiesPageProps) {
  const id = idFromSegment((await params).id);
  const [result, candidates] = await Promise.all([
    queryApi(readerStudiesScreenQuery, { id }),
    queryApi(readerCandidatesQuery, {}),
  ]);
  if (!result.ok) {
    const retry = (
      <Link className="button" href={datasetPath(id, 'reader-studies')} prefetch={false}>
        Try again
      </Link>
    );
    return <ErrorPanel title="The reader studies could not be loaded" error={result.error} action={retry} />;
  }
  const { dataset, readerStudies } = result.data;
  if (!dataset) notFound();
  // Only admins may list users; anyone else pastes the readers' ids.
  const readers = candidates.ok
    ? candidates.data.users.edges
        .map((edge) => edge.node)
        .filter((user) => user.role === 'READER' && !user.isDisabled)
    : null;
  const test = dataset.composition.splits.find((split) => split.split === 'TEST');
  return (
    <ReaderStudiesScreen
      key={dataset.id}
      datasetId={dataset.id}
      studies={readerStudies}
      readers={readers}
      labelledTestImages={test?.labelledImageCount ?? 0}
    />
  );
}
