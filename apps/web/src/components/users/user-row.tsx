'use client';

import Link from 'next/link';
import { type ReactNode, useId, useState } from 'react';
import type { Role } from '../../gql/operations';
import { type FieldError, fieldErrorOf } from '../../lib/api-error-text';
import { queryApiFromBrowser } from '../../lib/browser-api';
import { formatEventTime } from '../../lib/exclusions';
import { isDemotion, ROLES, roleName } from '../../lib/user-roles';
import { type ManagedUser, updateUserMutation } from '../../queries/users-queries';
import { ConfirmDialog } from '../account/confirm-dialog';
import styles from '../account/settings.module.css';
import { FieldErrorText } from '../field-error-text';
import { EditUserDialog } from './edit-user-dialog';
import { SetPasswordDialog } from './set-password-dialog';
import { UserTokensDialog } from './user-tokens-dialog';

type UserRowProps = {
  user: ManagedUser;
  /** The signed-in admin's own row: changes to it can sign them out. */
  isSelf: boolean;
  /** A change went through: the user as the API now has them, and a sentence for the status line. */
  onUpdated: (user: ManagedUser, notice: string) => void;
};

type Pending = { kind: 'ROLE'; role: Role } | { kind: 'DISABLED'; disabled: boolean };

/** One user, with their role to change, the way to disable (enable) them and to set a new password. */
export function UserRow({ user, isSelf, onUpdated }: UserRowProps) {
  const [role, setRole] = useState<Role>(user.role);
  const [confirming, setConfirming] = useState<Pending | null>(null);
  const [settingPassword, setSettingPassword] = useState(false);
  const [editing, setEditing] = useState(false);
  const [showingTokens, setShowingTokens] = useState(false);
  const [roleError, setRoleError] = useState<FieldError | null>(null);
  const [statusError, setStatusError] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const roleSelectId = useId();
  const roleErrorId = useId();
  const statusErrorId = useId();

  const apply = async (change: Pending) => {
    const setError = change.kind === 'ROLE' ? setRoleError : setStatusError;
    setBusy(true);
    const result = await queryApiFromBrowser(updateUserMutation, {
      id: user.id,
      role: change.kind === 'ROLE' ? change.role : null,
      disabled: change.kind === 'DISABLED' ? change.disabled : null,
      password: null,
      name: null,
      email: null,
    });
    setBusy(false);
    if (!result.ok) {
      setError(fieldErrorOf(result.error));
      if (change.kind === 'ROLE') setRole(user.role);
      return;
    }
    setError(null);
    const updated = result.data.updateUser;
    setRole(updated.role);
    // The admin's own session was revoked with it: reloading leads to the sign-in page.
    if (isSelf && endsOwnSession(user, change)) {
      window.location.reload();
      return;
    }
    onUpdated(updated, noticeOf(user, change));
  };

  const request = (change: Pending) => {
    setRoleError(null);
    setStatusError(null);
    // Raising a role takes nothing away: no question asked.
    if (change.kind === 'ROLE' && !isDemotion(user.role, change.role)) void apply(change);
    else setConfirming(change);
  };

  return (
    <tr
      className={user.isDisabled ? styles.inactiveRow : undefined}
      data-testid="user-row"
      data-email={user.email}
      data-role={user.role}
      data-disabled={user.isDisabled}
    >
      <th scope="row">
        {user.name}
        {isSelf && <span className={`${styles.tag} ${styles.tagStrong}`}>you</span>}
      </th>
      <td>{user.email}</td>
      <td>
        <div className={styles.actions}>
          <label htmlFor={roleSelectId} className="visually-hidden">
            Role of {user.name}
          </label>
          <select
            id={roleSelectId}
            className={styles.rowSelect}
            value={role}
            onChange={(event) => {
              setRole(event.target.value as Role);
              setRoleError(null);
            }}
            aria-describedby={roleError ? roleErrorId : undefined}
            aria-invalid={roleError ? true : undefined}
            data-testid="user-role-select"
          >
            {ROLES.map((option) => (
              <option key={option} value={option}>
                {roleName(option)}
              </option>
            ))}
          </select>
          {role !== user.role && (
            <>
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => request({ kind: 'ROLE', role })}
                aria-label={`Change the role of ${user.name} to ${roleName(role)}`}
                data-testid="change-role"
              >
                Change
              </button>
              <button
                type="button"
                className="button button-quiet"
                onClick={() => setRole(user.role)}
                aria-label={`Keep the role of ${user.name}`}
              >
                Keep
              </button>
            </>
          )}
        </div>
        <FieldErrorText id={roleErrorId} error={roleError} />
      </td>
      <td data-testid="user-status">
        {user.isDisabled ? (
          <span className={`${styles.tag} ${styles.tagDanger}`}>Disabled</span>
        ) : (
          <span>Enabled</span>
        )}
      </td>
      <td>{user.hasPassword ? 'Yes' : <span className="muted">None</span>}</td>
      <td>
        <time dateTime={user.createdAt}>{formatEventTime(user.createdAt)}</time>
      </td>
      <td>
        <div className={styles.actions}>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => setEditing(true)}
            aria-label={`Edit the name and email of ${user.name}`}
            data-testid="edit-user"
          >
            Edit…
          </button>
          {!isSelf && (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => setShowingTokens(true)}
              aria-label={`API tokens and web sessions of ${user.name}`}
              data-testid="user-tokens"
            >
              Tokens…
            </button>
          )}
          {isSelf ? (
            <Link className="button button-quiet" href="/account#password" prefetch={false}>
              Change password
            </Link>
          ) : (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => setSettingPassword(true)}
              aria-label={`Set a new password for ${user.name}`}
              data-testid="set-password"
            >
              Set password…
            </button>
          )}
          <button
            type="button"
            className="button button-quiet"
            disabled={busy}
            onClick={() => request({ kind: 'DISABLED', disabled: !user.isDisabled })}
            aria-label={`${user.isDisabled ? 'Enable' : 'Disable'} ${user.name}`}
            aria-describedby={statusError ? statusErrorId : undefined}
            data-testid="toggle-disabled"
          >
            {user.isDisabled ? 'Enable…' : 'Disable…'}
          </button>
        </div>
        <FieldErrorText id={statusErrorId} error={statusError} />
        <ConfirmDialog
          open={confirming !== null}
          title={confirming ? confirmTitle(user, confirming) : ''}
          confirmLabel={confirming ? confirmLabel(user, confirming) : 'Confirm'}
          danger={confirming?.kind === 'ROLE' || confirming?.disabled === true}
          testId="confirm-user-change"
          onCancel={() => {
            setConfirming(null);
            setRole(user.role);
          }}
          onConfirm={() => {
            const change = confirming;
            setConfirming(null);
            if (change) void apply(change);
          }}
        >
          {confirming && consequences(user, confirming, isSelf)}
        </ConfirmDialog>
        {!isSelf && (
          <UserTokensDialog user={user} open={showingTokens} onClose={() => setShowingTokens(false)} />
        )}
        <EditUserDialog
          user={user}
          open={editing}
          onClose={() => setEditing(false)}
          onUpdated={(updated) => onUpdated(updated, `Saved the name and email of ${updated.name}.`)}
        />
        {!isSelf && (
          <SetPasswordDialog
            user={user}
            open={settingPassword}
            onClose={() => setSettingPassword(false)}
            onUpdated={(updated) => onUpdated(updated, `Set a new password for ${updated.name}.`)}
          />
        )}
      </td>
    </tr>
  );
}

/** Whether a change revokes the session it is made with: demoting or disabling oneself. */
function endsOwnSession(user: ManagedUser, change: Pending): boolean {
  return change.kind === 'ROLE' ? isDemotion(user.role, change.role) : change.disabled;
}

function confirmTitle(user: ManagedUser, change: Pending): string {
  if (change.kind === 'ROLE')
    return `Make ${user.name} ${article(change.role)} ${roleName(change.role).toLowerCase()}?`;
  return `${change.disabled ? 'Disable' : 'Enable'} ${user.name}?`;
}

function confirmLabel(user: ManagedUser, change: Pending): string {
  if (change.kind === 'ROLE') return `Make ${roleName(change.role).toLowerCase()}`;
  return change.disabled ? `Disable ${user.name}` : `Enable ${user.name}`;
}

function consequences(user: ManagedUser, change: Pending, isSelf: boolean): ReactNode {
  const self = isSelf && endsOwnSession(user, change) && (
    <p>
      <strong>This is you:</strong> this browser’s session is ended with it, and you will be signed out.
    </p>
  );
  if (change.kind === 'ROLE')
    return (
      <>
        <p>
          {user.name} loses rights: their API tokens and web sessions with more than the role of{' '}
          {roleName(change.role).toLowerCase()} are revoked.
        </p>
        {self}
      </>
    );
  if (change.disabled)
    return (
      <>
        <p>
          {user.name} can no longer sign in, and all their web sessions and API tokens are revoked now.
          Enabling them again does not bring the tokens back.
        </p>
        {self}
      </>
    );
  return <p>{user.name} can sign in again with their password; their old tokens stay revoked.</p>;
}

function noticeOf(user: ManagedUser, change: Pending): string {
  if (change.kind === 'ROLE') {
    const lowered = isDemotion(user.role, change.role);
    return `${user.name} is now ${article(change.role)} ${roleName(change.role).toLowerCase()}.${
      lowered ? ' Their tokens beyond that role are revoked.' : ''
    }`;
  }
  return change.disabled ? `Disabled ${user.name}.` : `Enabled ${user.name}.`;
}

function article(role: Role): string {
  return role === 'ADMIN' || role === 'ANNOTATOR' ? 'an' : 'a';
}
