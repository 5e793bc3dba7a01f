'use client';

import { type FormEvent, useRef, useState } from 'react';
import { type FieldError, fieldErrorOf } from '../../lib/api-error-text';
import { queryApiFromBrowser } from '../../lib/browser-api';
import {
  type ChangePasswordProblems,
  changePasswordProblems,
  hasProblems,
  PASSWORD_MIN_LENGTH,
} from '../../lib/passwords';
import { changePasswordMutation } from '../../queries/account-queries';
import { FieldErrorText } from '../field-error-text';
import styles from './settings.module.css';
import { TextField } from './text-field';
import { useHydrated } from './use-hydrated';

const empty = { current: '', password: '', repeat: '' };

/**
 * The current password, then the new one twice. Length and the repetition are checked here; the API checks
 * the current password and says so (a wrong one counts as a failed sign-in, too many are RATE_LIMITED).
 */
export function ChangePasswordForm({ email, onChanged }: { email: string; onChanged: () => void }) {
  const [form, setForm] = useState(empty);
  const [problems, setProblems] = useState<ChangePasswordProblems>({});
  const [error, setError] = useState<FieldError | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const currentRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const repeatRef = useRef<HTMLInputElement>(null);

  const change = (field: keyof typeof empty) => (value: string) => {
    setForm((previous) => ({ ...previous, [field]: value }));
    setProblems((previous) => ({ ...previous, [field]: undefined }));
    setError(null);
    setDone(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = changePasswordProblems(form);
    setProblems(found);
    setDone(false);
    if (hasProblems(found)) {
      (found.current ? currentRef : found.password ? passwordRef : repeatRef).current?.focus();
      return;
    }
    setBusy(true);
    const result = await queryApiFromBrowser(changePasswordMutation, {
      currentPassword: form.current,
      newPassword: form.password,
    });
    setBusy(false);
    if (!result.ok) {
      const failure = fieldErrorOf(result.error);
      setError(failure);
      // A wrong current password: back to that field, emptied, to type it again.
      if (failure.code === 'BAD_INPUT' && /current password/i.test(failure.message)) {
        setForm((previous) => ({ ...previous, current: '' }));
        currentRef.current?.focus();
      }
      return;
    }
    setForm(empty);
    setError(null);
    setDone(true);
    onChanged();
  };

  return (
    <form
      className={styles.form}
      onSubmit={submit}
      noValidate
      aria-labelledby="change-password-title"
      data-testid="change-password-form"
    >
      <h3 id="change-password-title">Change your password</h3>
      {/* For password managers: the account the new password belongs to. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <div className={styles.fields}>
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={form.current}
          onChange={change('current')}
          problem={problems.current}
          inputRef={currentRef}
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={change('password')}
          problem={problems.password}
          hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
          inputRef={passwordRef}
        />
        <TextField
          label="Repeat the new password"
          type="password"
          autoComplete="new-password"
          value={form.repeat}
          onChange={change('repeat')}
          problem={problems.repeat}
          inputRef={repeatRef}
        />
      </div>
      <FieldErrorText error={error} />
      <div role="status" aria-live="polite">
        {done && (
          <p className={styles.success} data-testid="password-changed">
            Your password is changed. Your other web sessions are signed out; this browser and your API tokens
            stay signed in.
          </p>
        )}
      </div>
      <button type="submit" className="button" disabled={busy || !hydrated}>
        {busy ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
