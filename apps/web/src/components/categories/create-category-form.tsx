'use client';

import { type FormEvent, useId, useState } from 'react';
import { type FieldError, fieldErrorOf } from '../../lib/api-error-text';
import { queryApiFromBrowser } from '../../lib/browser-api';
import { categoryCreateMutation } from '../../queries/categories-queries';
import { FieldErrorText } from '../field-error-text';
import styles from './categories.module.css';

/** A name field that creates a category; the name stays in the field when the API refuses it. */
export function CreateCategoryForm({
  datasetId,
  onCreated,
}: {
  datasetId: string;
  onCreated: (name: string) => void;
}) {
  const [name, setName] = useState('');
  const [error, setError] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const errorId = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await queryApiFromBrowser(categoryCreateMutation, { datasetId, name });
    setBusy(false);
    if (!result.ok) {
      setError(fieldErrorOf(result.error));
      return;
    }
    setError(null);
    setName('');
    onCreated(result.data.createCategory.name);
  };
  return (
    <form
      className={styles.inlineForm}
      onSubmit={submit}
      aria-label="Create a category"
      data-testid="create-category"
    >
      <div className={styles.field}>
        <label htmlFor={inputId}>New category</label>
        <input
          id={inputId}
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            setError(null);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          maxLength={400}
          autoComplete="off"
        />
        <FieldErrorText id={errorId} error={error} />
      </div>
      <button className="button" type="submit" disabled={busy}>
        {busy ? 'Creating…' : 'Create category'}
      </button>
    </form>
  );
}
