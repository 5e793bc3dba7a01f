import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ErrorPanel } from '../../../components/error-panel';
import { ReaderScreen } from '../../../components/reader/reader-screen';
import { readerAssignmentPath } from '../../../lib/reader-routes';
import { idFromSegment } from '../../../lib/routes';
import { queryApi } from '../../../lib/server-api';
import { readerAssignmentScreenQuery } from '../../../queries/reader-study-queries';

type ReaderPageProps = { params: Promise<{ assignmentId: string }> };

export const metadata: Metadata = { title: 'Reader study' };

/** One reader's study, one image at a time; it starts at the first image they have not answered. */
export default async function ReaderPage({ params }: ReaderPageProps) {
  const id = idFromSegment((await params).assignmentId);
  const result = await queryApi(readerAssignmentScreenQuery, { id });
  if (!result.ok) {
    const retry = (
      <Link className="button" href={readerAssignmentPath(id)} prefetch={false}>
        Try again
      </Link>
    );
    return <ErrorPanel title="This reader study could not be loaded" error={result.error} action={retry} />;
  }
  const node = result.data.node;
  if (node?.__typename !== 'ReaderAssignment') notFound();
  return <ReaderScreen key={node.id} assignment={node} />;
}
