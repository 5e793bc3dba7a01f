'use client';

import { type FormEvent, useState } from 'react';
import { type FieldError, fieldErrorOf } from '../../lib/api-error-text';
import { queryApiFromBrowser } from '../../lib/browser-api';
import { updateMyNameMutation } from '../../queries/account-queries';
import { FieldErrorText } from '../field-error-text';
import styles from './settings.module.css';
import { TextField } from './text-field';
import { useHydrated } from './use-hydrated';

/** The name you are shown by, with Change: a one-line field, saved with the API's checks. */
export function NameEditor({ initialName }: { initialName: string }) {
  const hydrated = useHydrated();
  const [name, setName] = useState(initialName);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<FieldError | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (draft === null) return;
    if (!draft.trim()) {
      setError({ code: 'BAD_INPUT', message: 'A name needs 1 to 200 characters.' });
      return;
    }
    setSaving(true);
    const result = await queryApiFromBrowser(updateMyNameMutation, { name: draft });
    setSaving(false);
    if (!result.ok) {
      setError(fieldErrorOf(result.error));
      return;
    }
    setName(result.data.updateMyName.name);
    setDraft(null);
    setError(null);
  };

  if (draft === null)
    return (
      <>
        <span data-testid="account-name">{name}</span>{' '}
        <button
          type="button"
          className="button button-quiet"
          disabled={!hydrated}
          onClick={() => {
            setDraft(name);
            setError(null);
          }}
        >
          Change name
        </button>
      </>
    );
  return (
    <form onSubmit={save} className={styles.actions} data-testid="name-editor">
      <TextField label="Your name" value={draft} onChange={setDraft} maxLength={200} autoComplete="name" />
      <button type="submit" className="button" disabled={saving}>
        {saving ? 'Saving…' : 'Save name'}
      </button>
      <button type="button" className="button button-quiet" disabled={saving} onClick={() => setDraft(null)}>
        Cancel
      </button>
      <FieldErrorText error={error} />
    </form>
  );
}
