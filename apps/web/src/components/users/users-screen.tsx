'use client';

import { useState } from 'react';
import type { ApiError } from '../../lib/api-result';
import { formatCount } from '../../lib/format';
import { appendUsers, placeUser } from '../../lib/user-list';
import { roleName } from '../../lib/user-roles';
import {
  type ManagedUser,
  USERS_PAGE_SIZE,
  type UsersPage,
  usersPageQuery,
} from '../../queries/users-queries';
import styles from '../account/settings.module.css';
import { readWithRetry } from '../categories/read-with-retry';
import { ErrorPanel } from '../error-panel';
import { CreateUserForm } from './create-user-form';
import { IssuedPassword } from './issued-password';
import { UserRow } from './user-row';

type UsersScreenProps = {
  initial: UsersPage;
  /** The signed-in admin, whose own row warns before changes that sign them out. */
  viewerId: string;
};

/** Every user by email, a page at a time: add one, change a role, disable or enable, set a password. */
export function UsersScreen({ initial, viewerId }: UsersScreenProps) {
  const [users, setUsers] = useState(() => initial.edges.map((edge) => edge.node));
  const [pageInfo, setPageInfo] = useState(initial.pageInfo);
  const [totalCount, setTotalCount] = useState(initial.totalCount);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState('');
  const [issued, setIssued] = useState<{ email: string; password: string } | null>(null);

  const loadMore = async () => {
    if (!pageInfo.endCursor) return;
    setLoading(true);
    const result = await readWithRetry(usersPageQuery, { first: USERS_PAGE_SIZE, after: pageInfo.endCursor });
    setLoading(false);
    if (!result.ok) {
      setLoadError(result.error);
      return;
    }
    setLoadError(null);
    const page = result.data.users;
    setUsers((current) =>
      appendUsers(
        current,
        page.edges.map((edge) => edge.node),
      ),
    );
    setPageInfo(page.pageInfo);
    setTotalCount(page.totalCount);
  };

  const updated = (user: ManagedUser, message: string) => {
    setUsers((current) => placeUser(current, user, !pageInfo.hasNextPage));
    setNotice(message);
  };

  return (
    <div className={styles.screen}>
      <div className={styles.toolbar}>
        <p className={styles.notice} role="status" aria-live="polite" data-testid="users-notice">
          {notice}
        </p>
      </div>
      {issued && (
        <IssuedPassword
          key={issued.email}
          email={issued.email}
          password={issued.password}
          onDismiss={() => {
            setIssued(null);
            setNotice(`The password for ${issued.email} is no longer shown.`);
          }}
        />
      )}
      <CreateUserForm
        onCreated={(user, password) => {
          const placed = placeUser(users, user, !pageInfo.hasNextPage);
          const listed = placed.some((entry) => entry.id === user.id);
          setUsers(placed);
          setTotalCount((count) => count + 1);
          setIssued(password ? { email: user.email, password } : null);
          setNotice(
            `Added ${user.name} (${user.email}) as ${roleName(user.role).toLowerCase()}.${
              listed ? '' : ' They are listed on a later page.'
            }`,
          );
        }}
      />
      <table className={styles.table} data-testid="user-table">
        <caption className={styles.caption}>
          {users.length < totalCount
            ? `Showing ${users.length.toLocaleString('en')} of ${formatCount(totalCount, 'user')}, by email`
            : `${formatCount(totalCount, 'user')}, by email`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Password</th>
            <th scope="col">Created</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <UserRow key={user.id} user={user} isSelf={user.id === viewerId} onUpdated={updated} />
          ))}
        </tbody>
      </table>
      {loadError && (
        <ErrorPanel
          title="More users could not be loaded"
          error={loadError}
          action={
            <button className="button" type="button" onClick={() => void loadMore()}>
              Try again
            </button>
          }
        />
      )}
      {pageInfo.hasNextPage && (
        <p className={styles.more}>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => void loadMore()}
            disabled={loading}
            data-testid="load-more-users"
          >
            {loading ? 'Loading…' : `Load ${USERS_PAGE_SIZE} more users`}
          </button>
        </p>
      )}
    </div>
  );
}
