'use client';

import { type FormEvent, useId, useRef, useState } from 'react';
import type { Role } from '../../gql/operations';
import { type FieldError, fieldErrorOf } from '../../lib/api-error-text';
import {
  checkTokenForm,
  TOKEN_NAME_MAX_LENGTH,
  type TokenFormProblems,
  utcDateOf,
} from '../../lib/api-tokens';
import { queryApiFromBrowser } from '../../lib/browser-api';
import { roleName, roleSummary } from '../../lib/user-roles';
import { type CreatedApiToken, createApiTokenMutation } from '../../queries/account-queries';
import { FieldErrorText } from '../field-error-text';
import styles from './settings.module.css';
import { TextField } from './text-field';
import { useHydrated } from './use-hydrated';

type CreateTokenFormProps = {
  /** The roles this session may hand out, most rights first. */
  roleOptions: Role[];
  defaultRole: Role;
  onCreated: (created: CreatedApiToken) => void;
};

/** A name, a role no higher than the session's, and an optional last day: a new token for scripts. */
export function CreateTokenForm({ roleOptions, defaultRole, onCreated }: CreateTokenFormProps) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role | ''>(defaultRole);
  const [expiresOn, setExpiresOn] = useState('');
  const [problems, setProblems] = useState<TokenFormProblems>({});
  const [error, setError] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const nameRef = useRef<HTMLInputElement>(null);
  const roleId = useId();
  const roleHintId = useId();
  const roleProblemId = useId();

  const edited = () => setError(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkTokenForm({ name, role, expiresOn }, roleOptions, new Date());
    if (!checked.ok) {
      setProblems(checked.problems);
      if (checked.problems.name) nameRef.current?.focus();
      return;
    }
    setProblems({});
    setBusy(true);
    const result = await queryApiFromBrowser(createApiTokenMutation, checked.request);
    setBusy(false);
    if (!result.ok) {
      setError(fieldErrorOf(result.error));
      return;
    }
    setError(null);
    setName('');
    setExpiresOn('');
    onCreated(result.data.createApiToken);
  };

  return (
    <form
      className={styles.form}
      onSubmit={submit}
      noValidate
      aria-labelledby="create-token-title"
      data-testid="create-token-form"
    >
      <h3 id="create-token-title">Create a token</h3>
      <div className={styles.fields}>
        <TextField
          label="Name"
          value={name}
          onChange={(value) => {
            setName(value);
            setProblems((previous) => ({ ...previous, name: undefined }));
            edited();
          }}
          problem={problems.name}
          hint="Where it is used: “notebook”, “nightly export”."
          maxLength={TOKEN_NAME_MAX_LENGTH}
          inputRef={nameRef}
          testId="token-name"
        />
        <div className={styles.field}>
          <label htmlFor={roleId}>Role</label>
          <select
            id={roleId}
            value={role}
            onChange={(event) => {
              setRole(event.target.value as Role);
              setProblems((previous) => ({ ...previous, role: undefined }));
              edited();
            }}
            aria-invalid={problems.role ? true : undefined}
            aria-describedby={[roleHintId, problems.role ? roleProblemId : ''].join(' ').trim()}
            data-testid="token-role"
          >
            {roleOptions.map((option) => (
              <option key={option} value={option}>
                {roleName(option)}
              </option>
            ))}
          </select>
          <p id={roleHintId} className={styles.hint}>
            {role ? `${roleName(role)}: ${roleSummary(role)}.` : ''} At most the role you act with.
          </p>
          {problems.role && (
            <p id={roleProblemId} className={styles.problem}>
              <span aria-hidden="true">⚠ </span>
              {problems.role}
            </p>
          )}
        </div>
        <TextField
          label="Last day (optional)"
          type="date"
          value={expiresOn}
          onChange={(value) => {
            setExpiresOn(value);
            setProblems((previous) => ({ ...previous, expiresOn: undefined }));
            edited();
          }}
          problem={problems.expiresOn}
          hint="It stops working at the end of this day (UTC). Empty: it works until revoked."
          min={utcDateOf(new Date())}
          testId="token-expires-on"
        />
      </div>
      <FieldErrorText error={error} />
      <button type="submit" className="button" disabled={busy || !hydrated}>
        {busy ? 'Creating…' : 'Create token'}
      </button>
    </form>
  );
}
