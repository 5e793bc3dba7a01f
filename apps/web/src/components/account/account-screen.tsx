'use client';

import { formatEventTime } from '../../lib/exclusions';
import { mayUseApiTokens, roleName, roleSummary } from '../../lib/user-roles';
import type { AccountApiToken, AccountViewer } from '../../queries/account-queries';
import { ApiTokensSection } from './api-tokens-section';
import { ChangePasswordForm } from './change-password-form';
import { NameEditor } from './name-editor';
import styles from './settings.module.css';
import { useTokenList } from './use-token-list';

type AccountScreenProps = {
  viewer: AccountViewer;
  /** The user's live tokens; null when this session's role has none (a reader's). */
  tokens: AccountApiToken[] | null;
};

/** Who you are, your password, and your API tokens and web sessions. */
export function AccountScreen({ viewer, tokens }: AccountScreenProps) {
  const { user, role: sessionRole } = viewer;
  const hasTokens = tokens !== null && mayUseApiTokens(sessionRole);
  const list = useTokenList(user.id, hasTokens ? tokens : null);
  return (
    <div className={styles.screen}>
      <section className={styles.section} aria-labelledby="account-who-title" data-testid="account-who">
        <h2 id="account-who-title">Who you are</h2>
        <dl className={styles.facts}>
          <dt>Name</dt>
          <dd>
            <NameEditor initialName={user.name} />
          </dd>
          <dt>Email</dt>
          <dd data-testid="account-email">{user.email}</dd>
          <dt>Role</dt>
          <dd data-testid="account-role" data-role={user.role}>
            {roleName(user.role)} <span className="muted">({roleSummary(user.role)})</span>
            {sessionRole !== user.role && (
              <p className={styles.hint} data-testid="session-role-note">
                This browser signed in while you were {roleName(sessionRole).toLowerCase()} and still acts as
                one; sign out and in again to act as {roleName(user.role).toLowerCase()}.
              </p>
            )}
          </dd>
          <dt>Account created</dt>
          <dd>
            <time dateTime={user.createdAt}>{formatEventTime(user.createdAt)}</time>
          </dd>
        </dl>
        <p className="muted">Only an admin changes your email or role.</p>
      </section>
      <section className={styles.section} aria-labelledby="account-password-title" id="password">
        <h2 id="account-password-title">Password</h2>
        {user.hasPassword ? (
          <ChangePasswordForm
            email={user.email}
            // The other web sessions have just ended: the list says so.
            onChanged={() => {
              if (hasTokens) void list.refresh();
            }}
          />
        ) : (
          <p className="muted">You have no password to change: an admin sets one for you.</p>
        )}
      </section>
      {hasTokens ? (
        <ApiTokensSection sessionRole={sessionRole} userRole={user.role} list={list} />
      ) : (
        <section className={styles.section} aria-labelledby="api-tokens-title" data-testid="api-tokens">
          <h2 id="api-tokens-title">API tokens</h2>
          <p className="muted" data-testid="no-api-tokens">
            API tokens let scripts read and change datasets; a {roleName(sessionRole).toLowerCase()} has no
            such rights, so there are none to create.
          </p>
        </section>
      )}
    </div>
  );
}
