import type { FieldError } from '../../lib/api-error-text';
import styles from './settings.module.css';

/** An API refusal shown next to the form or row that caused it, with its code and a text marker. */
export function ApiErrorLine({ id, error }: { id?: string; error: FieldError | null }) {
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
