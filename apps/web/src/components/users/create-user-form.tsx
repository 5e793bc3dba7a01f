'use client';

import { type FormEvent, useId, useRef, useState } from 'react';
import type { Role } from '../../gql/operations';
import { type FieldError, fieldErrorOf } from '../../lib/api-error-text';
import { queryApiFromBrowser } from '../../lib/browser-api';
import { type NewPasswordProblems, type PasswordChoice, resolvePasswordChoice } from '../../lib/passwords';
import { type NewUserProblems, newUserProblems } from '../../lib/user-list';
import { ROLES, roleName, roleSummary } from '../../lib/user-roles';
import { createUserMutation, type ManagedUser } from '../../queries/users-queries';
import styles from '../account/settings.module.css';
import { TextField } from '../account/text-field';
import { useHydrated } from '../account/use-hydrated';
import { FieldErrorText } from '../field-error-text';
import { PasswordChoiceFields } from './password-choice-fields';

const emptyChoice: PasswordChoice = { mode: 'GENERATE', password: '', repeat: '' };

type CreateUserFormProps = {
  /** A generated password comes along, to be shown once; a typed one does not. */
  onCreated: (user: ManagedUser, generatedPassword: string | null) => void;
};

/** Email, name, role and a first password (generated here or typed): a new user who signs in with them. */
export function CreateUserForm({ onCreated }: CreateUserFormProps) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('ANNOTATOR');
  const [choice, setChoice] = useState(emptyChoice);
  const [problems, setProblems] = useState<NewUserProblems>({});
  const [passwordProblems, setPasswordProblems] = useState<NewPasswordProblems>({});
  const [error, setError] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const emailRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const roleId = useId();
  const roleHintId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = newUserProblems({ email, name, role });
    const password = resolvePasswordChoice(choice);
    setProblems(found);
    setPasswordProblems(password.ok ? {} : password.problems);
    if (found.email) emailRef.current?.focus();
    else if (found.name) nameRef.current?.focus();
    if (found.email || found.name || found.role || !password.ok) return;
    setBusy(true);
    const result = await queryApiFromBrowser(createUserMutation, {
      email: email.trim(),
      name: name.trim(),
      role,
      password: password.password,
    });
    setBusy(false);
    if (!result.ok) {
      const failure = fieldErrorOf(result.error);
      setError(failure);
      if (failure.code === 'CONFLICT') emailRef.current?.focus();
      return;
    }
    setError(null);
    setEmail('');
    setName('');
    setChoice(emptyChoice);
    onCreated(result.data.createUser, password.generated ? password.password : null);
  };

  return (
    <form
      className={styles.form}
      onSubmit={submit}
      noValidate
      aria-labelledby="create-user-title"
      data-testid="create-user-form"
    >
      <h3 id="create-user-title">Add a user</h3>
      <div className={styles.fields}>
        <TextField
          label="Email"
          type="email"
          value={email}
          onChange={(value) => {
            setEmail(value);
            setProblems((previous) => ({ ...previous, email: undefined }));
            setError(null);
          }}
          problem={problems.email}
          hint="They sign in with it."
          inputRef={emailRef}
          maxLength={320}
          testId="new-user-email"
        />
        <TextField
          label="Name"
          value={name}
          onChange={(value) => {
            setName(value);
            setProblems((previous) => ({ ...previous, name: undefined }));
            setError(null);
          }}
          problem={problems.name}
          inputRef={nameRef}
          maxLength={200}
          testId="new-user-name"
        />
        <div className={styles.field}>
          <label htmlFor={roleId}>Role</label>
          <select
            id={roleId}
            value={role}
            onChange={(event) => {
              setRole(event.target.value as Role);
              setError(null);
            }}
            aria-describedby={roleHintId}
            data-testid="new-user-role"
          >
            {ROLES.map((option) => (
              <option key={option} value={option}>
                {roleName(option)}
              </option>
            ))}
          </select>
          <p id={roleHintId} className={styles.hint}>
            {roleName(role)}: {roleSummary(role)}.
          </p>
        </div>
      </div>
      <PasswordChoiceFields
        legend="First password"
        choice={choice}
        onChange={(next) => {
          setChoice(next);
          setPasswordProblems({});
          setError(null);
        }}
        problems={passwordProblems}
      />
      <FieldErrorText error={error} />
      <button type="submit" className="button" disabled={busy || !hydrated}>
        {busy ? 'Adding…' : 'Add user'}
      </button>
    </form>
  );
}
