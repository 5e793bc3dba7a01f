import type { Metadata } from 'next';
import Link from 'next/link';
import { ErrorPanel } from '../../components/error-panel';
import { UsersScreen } from '../../components/users/users-screen';
import { loadViewer, queryApi } from '../../lib/server-api';
import { USERS_PAGE_SIZE, usersPageQuery } from '../../queries/users-queries';

export const metadata: Metadata = { title: 'Users' };

/** Admins manage who signs in: the API refuses anyone else, and the page says so. */
export default async function UsersPage() {
  const [viewer, result] = await Promise.all([
    loadViewer(),
    queryApi(usersPageQuery, { first: USERS_PAGE_SIZE, after: null }),
  ]);
  if (!result.ok) {
    const forbidden = result.error.apiCode === 'FORBIDDEN';
    return (
      <>
        <h1>Users</h1>
        <ErrorPanel
          title={forbidden ? 'Only admins manage users' : 'The users could not be loaded'}
          error={result.error}
          action={
            forbidden ? (
              <Link className="button" href="/account" prefetch={false}>
                Go to your account
              </Link>
            ) : (
              <Link className="button" href="/users" prefetch={false}>
                Try again
              </Link>
            )
          }
        />
      </>
    );
  }
  return (
    <>
      <h1>Users</h1>
      <p className="muted">
        Who signs in to Loupe, with which role. Users are never deleted: disable one to end their access.
      </p>
      <UsersScreen initial={result.data.users} viewerId={viewer?.user.id ?? ''} />
    </>
  );
}
