import type { Metadata } from 'next';
import Link from 'next/link';
import { ErrorPanel } from '../../components/error-panel';
import styles from '../../components/reader/reader.module.css';
import { readerAssignmentPath } from '../../lib/reader-routes';
import { queryApi } from '../../lib/server-api';
import { myReaderAssignmentsQuery } from '../../queries/reader-study-queries';

export const metadata: Metadata = { title: 'Your reader studies' };

const stateText = { OPEN: 'Open', CLOSED: 'Closed: answers are final', DRAFT: 'Not open yet' } as const;

/** A reader's studies: where they stand in each, and the way back in. */
export default async function ReadPage() {
  const result = await queryApi(myReaderAssignmentsQuery, {});
  if (!result.ok) {
    const retry = (
      <Link className="button" href="/read" prefetch={false}>
        Try again
      </Link>
    );
    return <ErrorPanel title="Your reader studies could not be loaded" error={result.error} action={retry} />;
  }
  const assignments = result.data.myReaderAssignments;
  return (
    <>
      <h1>Your reader studies</h1>
      {assignments.length === 0 ? (
        <p className="empty">No reader study is assigned to you yet.</p>
      ) : (
        <ul className={styles.list} data-testid="reader-assignments">
          {assignments.map((assignment) => {
            const { answered, total } = assignment.progress;
            const action =
              assignment.state !== 'OPEN'
                ? 'View'
                : answered === 0
                  ? 'Start'
                  : answered < total
                    ? 'Resume'
                    : 'Review';
            return (
              <li key={assignment.id} data-testid="reader-assignment" data-state={assignment.state}>
                <strong>{assignment.studyName}</strong>
                <span>{stateText[assignment.state]}</span>
                <span>
                  {answered} of {total} answered
                </span>
                <Link
                  href={readerAssignmentPath(assignment.id)}
                  aria-label={`${action} ${assignment.studyName}`}
                  prefetch={false}
                >
                  {action}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
