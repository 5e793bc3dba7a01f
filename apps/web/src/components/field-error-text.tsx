import type { FieldError } from '../lib/api-error-text';
import styles from './field-error-text.module.css';

/** An API refusal shown beside the control, form or row that caused it, with a text marker (not colour alone). */
export function FieldErrorText({ id, error }: { id?: string; error: FieldError | null }) {
  if (!error) return null;
  return (
    <p
      id={id}
      className={styles.fieldError}
      role="alert"
      data-testid="field-error"
      data-error-code={error.code}
    >
      <span aria-hidden="true">⚠ </span>
      {error.message}
    </p>
  );
}
