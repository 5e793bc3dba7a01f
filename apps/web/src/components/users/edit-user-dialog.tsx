'use client';

import { type FormEvent, useState } from 'react';
import { type FieldError, fieldErrorOf } from '../../lib/api-error-text';
import { queryApiFromBrowser } from '../../lib/browser-api';
import { type ManagedUser, updateUserMutation } from '../../queries/users-queries';
import styles from '../account/settings.module.css';
import { TextField } from '../account/text-field';
import { useHydrated } from '../account/use-hydrated';
import { ModalDialog } from '../categories/modal-dialog';
import { FieldErrorText } from '../field-error-text';

type EditUserDialogProps = {
  user: ManagedUser;
  open: boolean;
  onClose: () => void;
  onUpdated: (user: ManagedUser) => void;
};

/** Correct someone's name or email; they sign in with the new email from then on. A refusal stays in the dialog. */
export function EditUserDialog({ user, open, onClose, onUpdated }: EditUserDialogProps) {
  return (
    <ModalDialog
      open={open}
      title={`Name and email of ${user.name}`}
      onClose={onClose}
      testId="edit-user-dialog"
    >
      <EditUserForm user={user} onClose={onClose} onUpdated={onUpdated} />
    </ModalDialog>
  );
}

function EditUserForm({ user, onClose, onUpdated }: Omit<EditUserDialogProps, 'open'>) {
  const [name, setName] = useState(user.name);
  const [email, setEmail] = useState(user.email);
  const [error, setError] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await queryApiFromBrowser(updateUserMutation, {
      id: user.id,
      role: null,
      disabled: null,
      password: null,
      name: name === user.name ? null : name,
      email: email === user.email ? null : email,
    });
    setBusy(false);
    if (!result.ok) {
      setError(fieldErrorOf(result.error));
      return;
    }
    setError(null);
    onUpdated(result.data.updateUser);
    onClose();
  };

  return (
    <form className={styles.dialogBody} onSubmit={submit} noValidate data-testid="edit-user-form">
      <TextField label="Name" value={name} onChange={setName} maxLength={200} />
      <TextField
        label="Email"
        type="email"
        value={email}
        onChange={setEmail}
        hint="They sign in with this email from now on."
      />
      <FieldErrorText error={error} />
      <div className={styles.dialogActions}>
        <button type="button" className="button button-quiet" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button" disabled={busy || !hydrated}>
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
