'use client';

import { useId, useState } from 'react';
import type { Role } from '../../gql/operations';
import { type FieldError, fieldErrorOf } from '../../lib/api-error-text';
import { currentWebSessionId, LOCAL_CLI_TOKEN_NAME, type TokenState, tokenState } from '../../lib/api-tokens';
import { queryApiFromBrowser } from '../../lib/browser-api';
import { formatEventTime } from '../../lib/exclusions';
import { formatCount } from '../../lib/format';
import { roleName, tokenRoleOptions } from '../../lib/user-roles';
import {
  type AccountApiToken,
  type CreatedApiToken,
  revokeApiTokenMutation,
} from '../../queries/account-queries';
import { ErrorPanel } from '../error-panel';
import { FieldErrorText } from '../field-error-text';
import { ConfirmDialog } from './confirm-dialog';
import { CreateTokenForm } from './create-token-form';
import { NewTokenSecret } from './new-token-secret';
import styles from './settings.module.css';
import type { TokenList } from './use-token-list';

type ApiTokensSectionProps = {
  /** The role this session acts with, and the user's own: a token may have neither more. */
  sessionRole: Role;
  userRole: Role;
  list: TokenList;
  /** Someone else's tokens, as an admin sees them: listed and revocable, none created for them here. */
  owner?: { name: string } | undefined;
};

const stateWords: Record<TokenState, string> = { ACTIVE: 'Active', REVOKED: 'Revoked', EXPIRED: 'Expired' };

/**
 * The user's tokens and web sessions: create one (its secret shown once), revoke one, see the old ones. With
 * `owner`, someone else's, for an admin: listed and revocable only.
 */
export function ApiTokensSection({ sessionRole, userRole, list, owner }: ApiTokensSectionProps) {
  const { tokens, showInactive, loadError, setShowInactive, refresh } = list;
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [confirming, setConfirming] = useState<AccountApiToken | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<string, FieldError>>({});
  const [notice, setNotice] = useState('');
  const toggleId = useId();
  const roleOptions = tokenRoleOptions(sessionRole, userRole);

  const now = new Date();
  const currentId = currentWebSessionId(tokens, now);
  const liveWebSessions = tokens.filter(
    (token) => token.isWebSession && tokenState(token, now) === 'ACTIVE',
  ).length;
  const inactiveCount = tokens.filter((token) => tokenState(token, now) !== 'ACTIVE').length;

  const revoke = async (token: AccountApiToken) => {
    const result = await queryApiFromBrowser(revokeApiTokenMutation, { id: token.id });
    if (!result.ok) {
      setRowErrors((previous) => ({ ...previous, [token.id]: fieldErrorOf(result.error) }));
      return;
    }
    setRowErrors(({ [token.id]: _, ...rest }) => rest);
    setNotice(`Revoked ${describe(token)}.`);
    // Revoking this browser's own session signs it out: the refresh then leads to the sign-in page.
    await refresh();
  };

  return (
    <section className={styles.section} aria-labelledby="api-tokens-title" data-testid="api-tokens">
      <h2 id="api-tokens-title">
        {owner ? `API tokens and web sessions of ${owner.name}` : 'API tokens and web sessions'}
      </h2>
      {owner ? (
        <p className="muted">
          Revoking one refuses the script or signs out the browser that holds it. Only {owner.name} creates
          tokens for themselves.
        </p>
      ) : (
        <p className="muted">
          Scripts and notebooks send a token as <code>Authorization: Bearer …</code>; a token acts as you with
          its own role, until it expires or you revoke it. Each browser you sign in with holds a web session,
          listed here too.
        </p>
      )}
      {!owner && created && (
        <NewTokenSecret
          key={created.apiToken.id}
          created={created}
          onDismiss={() => {
            setCreated(null);
            setNotice(`The secret of “${created.apiToken.name}” is no longer shown.`);
          }}
        />
      )}
      {!owner && (
        <CreateTokenForm
          roleOptions={roleOptions}
          defaultRole={roleOptions.includes(sessionRole) ? sessionRole : (roleOptions[0] ?? sessionRole)}
          onCreated={(token) => {
            setCreated(token);
            setNotice(`Created “${token.apiToken.name}”.`);
            void refresh();
          }}
        />
      )}
      <div className={styles.toolbar}>
        <label className={styles.toggle} htmlFor={toggleId}>
          <input
            id={toggleId}
            type="checkbox"
            checked={showInactive}
            onChange={(event) => setShowInactive(event.target.checked)}
            data-testid="show-inactive-tokens"
          />
          Show revoked and expired
        </label>
        <p className={styles.notice} role="status" aria-live="polite" data-testid="tokens-notice">
          {notice}
        </p>
      </div>
      {loadError && (
        <ErrorPanel
          title={owner ? 'The tokens could not be loaded' : 'Your tokens could not be loaded'}
          error={loadError}
          action={
            <button className="button" type="button" onClick={() => void refresh()}>
              Try again
            </button>
          }
        />
      )}
      <table className={styles.table} data-testid="api-token-table">
        <caption className={styles.caption}>
          {formatCount(
            tokens.length,
            showInactive ? 'token or web session' : 'live token or web session',
            showInactive ? 'tokens and web sessions' : 'live tokens and web sessions',
          )}
          {showInactive && `, ${inactiveCount} of them revoked or expired`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                {showInactive ? 'No tokens yet.' : 'No live tokens.'}
              </td>
            </tr>
          )}
          {tokens.map((token) => (
            <TokenRow
              key={token.id}
              token={token}
              state={tokenState(token, now)}
              isThisBrowser={token.id === currentId}
              error={rowErrors[token.id] ?? null}
              onRevoke={() => setConfirming(token)}
            />
          ))}
        </tbody>
      </table>
      {!owner && liveWebSessions > 1 && currentId === null && (
        <p className={styles.hint}>
          One of the {liveWebSessions} live web sessions is this browser; Loupe cannot tell which. Revoking
          one signs that browser out.
        </p>
      )}
      <ConfirmDialog
        open={confirming !== null}
        title={confirming ? `Revoke ${describe(confirming)}?` : 'Revoke?'}
        confirmLabel="Revoke"
        danger
        testId="revoke-token-dialog"
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          const token = confirming;
          setConfirming(null);
          if (token) void revoke(token);
        }}
      >
        {confirming && <p>{revokeConsequence(confirming, confirming.id === currentId)}</p>}
      </ConfirmDialog>
    </section>
  );
}

function describe(token: AccountApiToken): string {
  return token.isWebSession ? `the web session of ${formatEventTime(token.createdAt)}` : `“${token.name}”`;
}

function revokeConsequence(token: AccountApiToken, isThisBrowser: boolean): string {
  if (isThisBrowser) return 'This is the session of this browser: you will be signed out here.';
  if (token.isWebSession)
    return 'The browser signed in with it is signed out. If that is this browser, you will be signed out here.';
  if (token.name === LOCAL_CLI_TOKEN_NAME)
    return 'The loupe command on the machine running Loupe (loupe import, loupe retrain…) uses it: it is refused until Loupe restarts and writes a new one.';
  return 'Scripts that use it are refused from now on. A revoked token cannot be brought back.';
}

function TokenRow({
  token,
  state,
  isThisBrowser,
  error,
  onRevoke,
}: {
  token: AccountApiToken;
  state: TokenState;
  isThisBrowser: boolean;
  error: FieldError | null;
  onRevoke: () => void;
}) {
  const errorId = useId();
  const label = token.isWebSession ? 'Web session' : token.name;
  return (
    <tr
      className={state === 'ACTIVE' ? undefined : styles.inactiveRow}
      data-testid="api-token-row"
      data-token-name={token.name}
      data-state={state}
      data-web-session={token.isWebSession}
    >
      <th scope="row">
        {label}
        {token.isWebSession && !isThisBrowser && <span className={styles.tag}>browser sign-in</span>}
        {token.name === LOCAL_CLI_TOKEN_NAME && <span className={styles.tag}>loupe command</span>}
        {isThisBrowser && (
          <span className={`${styles.tag} ${styles.tagStrong}`} data-testid="this-browser">
            This browser
          </span>
        )}
      </th>
      <td>{roleName(token.role)}</td>
      <td>
        <time dateTime={token.createdAt}>{formatEventTime(token.createdAt)}</time>
      </td>
      <td>
        {token.expiresAt ? (
          <time dateTime={token.expiresAt}>{formatEventTime(token.expiresAt)}</time>
        ) : (
          <span className="muted">Never</span>
        )}
      </td>
      <td data-testid="token-state">
        {stateWords[state]}
        {state === 'REVOKED' && token.revokedAt && (
          <>
            {' '}
            <time dateTime={token.revokedAt} className="muted">
              {formatEventTime(token.revokedAt)}
            </time>
          </>
        )}
      </td>
      <td>
        {state === 'ACTIVE' && (
          <button
            type="button"
            className="button button-quiet"
            onClick={onRevoke}
            aria-label={`Revoke ${token.isWebSession ? `web session of ${formatEventTime(token.createdAt)}` : token.name}`}
            aria-describedby={error ? errorId : undefined}
          >
            Revoke
          </button>
        )}
        <FieldErrorText id={errorId} error={error} />
      </td>
    </tr>
  );
}
