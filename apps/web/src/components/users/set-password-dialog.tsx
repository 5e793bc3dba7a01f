'use client';

import { type FormEvent, useState } from 'react';
import { type FieldError, fieldErrorOf } from '../../lib/api-error-text';
import { queryApiFromBrowser } from '../../lib/browser-api';
import { type NewPasswordProblems, type PasswordChoice, resolvePasswordChoice } from '../../lib/passwords';
import { type ManagedUser, updateUserMutation } from '../../queries/users-queries';
import styles from '../account/settings.module.css';
import { useHydrated } from '../account/use-hydrated';
import { ModalDialog } from '../categories/modal-dialog';
import { FieldErrorText } from '../field-error-text';
import { IssuedPassword } from './issued-password';
import { PasswordChoiceFields } from './password-choice-fields';

const emptyChoice: PasswordChoice = { mode: 'GENERATE', password: '', repeat: '' };

type SetPasswordDialogProps = {
  user: ManagedUser;
  open: boolean;
  onClose: () => void;
  onUpdated: (user: ManagedUser) => void;
};

/**
 * A new password for someone: generated (then shown once in the dialog) or typed. Their web sessions end;
 * their API tokens stay. A refusal stays in the dialog, next to the form.
 */
export function SetPasswordDialog({ user, open, onClose, onUpdated }: SetPasswordDialogProps) {
  return (
    <ModalDialog
      open={open}
      title={`New password for ${user.name}`}
      onClose={onClose}
      testId="set-password-dialog"
    >
      <SetPasswordForm user={user} onClose={onClose} onUpdated={onUpdated} />
    </ModalDialog>
  );
}

function SetPasswordForm({ user, onClose, onUpdated }: Omit<SetPasswordDialogProps, 'open'>) {
  const [choice, setChoice] = useState(emptyChoice);
  const [problems, setProblems] = useState<NewPasswordProblems>({});
  const [error, setError] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<string | null>(null);
  const hydrated = useHydrated();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const password = resolvePasswordChoice(choice);
    if (!password.ok) {
      setProblems(password.problems);
      return;
    }
    setProblems({});
    setBusy(true);
    const result = await queryApiFromBrowser(updateUserMutation, {
      id: user.id,
      role: null,
      disabled: null,
      password: password.password,
      name: null,
      email: null,
    });
    setBusy(false);
    if (!result.ok) {
      setError(fieldErrorOf(result.error));
      return;
    }
    setError(null);
    onUpdated(result.data.updateUser);
    if (password.generated) setIssued(password.password);
    else onClose();
  };

  if (issued) return <IssuedPassword email={user.email} password={issued} onDismiss={onClose} />;
  return (
    <form className={styles.dialogBody} onSubmit={submit} noValidate data-testid="set-password-form">
      <p>
        {user.email} signs in with the new password from now on; their web sessions end, their API tokens
        stay.
      </p>
      <PasswordChoiceFields
        legend="New password"
        choice={choice}
        onChange={(next) => {
          setChoice(next);
          setProblems({});
          setError(null);
        }}
        problems={problems}
      />
      <FieldErrorText error={error} />
      <div className={styles.dialogActions}>
        <button type="button" className="button button-quiet" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button" disabled={busy || !hydrated}>
          {busy ? 'Setting…' : 'Set password'}
        </button>
      </div>
    </form>
  );
}
