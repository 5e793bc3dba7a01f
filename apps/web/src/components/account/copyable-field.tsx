'use client';

import { useId, useRef, useState } from 'react';
import styles from './settings.module.css';

type CopyableFieldProps = {
  label: string;
  value: string;
  testId?: string;
  /** A command line wraps in a text area; a secret stays on one line. */
  multiline?: boolean;
};

/**
 * A read-only field with a Copy button. The clipboard API needs a secure origin; elsewhere the text is
 * selected and copied the older way, and failing that the user is asked to copy the selection themselves.
 */
export function CopyableField({ label, value, testId, multiline = false }: CopyableFieldProps) {
  const id = useId();
  const statusId = useId();
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [status, setStatus] = useState('');
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('No clipboard here');
      await navigator.clipboard.writeText(value);
      setStatus('Copied.');
    } catch {
      field.current?.focus();
      field.current?.select();
      const copied = document.execCommand?.('copy') ?? false;
      setStatus(copied ? 'Copied.' : 'Selected: press Ctrl+C (⌘C) to copy.');
    }
  };
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      <div className={styles.secretRow}>
        {multiline ? (
          <textarea
            id={id}
            ref={field}
            value={value}
            readOnly
            rows={4}
            spellCheck={false}
            onFocus={(event) => event.currentTarget.select()}
            data-testid={testId}
          />
        ) : (
          <input
            id={id}
            ref={field}
            value={value}
            readOnly
            spellCheck={false}
            autoComplete="off"
            onFocus={(event) => event.currentTarget.select()}
            data-testid={testId}
          />
        )}
        <button
          type="button"
          className="button button-quiet"
          onClick={() => void copy()}
          aria-label={`Copy ${label.toLowerCase()}`}
          aria-describedby={statusId}
        >
          Copy
        </button>
        <span id={statusId} className={styles.copied} role="status" aria-live="polite">
          {status}
        </span>
      </div>
    </div>
  );
}
