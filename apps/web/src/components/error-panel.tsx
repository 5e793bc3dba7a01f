import type { ReactNode } from 'react';
import type { ApiError } from '../lib/api-result';

type ErrorPanelProps = {
  title: string;
  error: ApiError;
  /** A retry control (a link or a button), shown under the details. */
  action?: ReactNode;
};

/** Explains a failed API call: what went wrong, the API's own messages, and how to try again. */
export function ErrorPanel({ title, error, action }: ErrorPanelProps) {
  return (
    <section
      className="error-panel"
      role="alert"
      data-testid="error-panel"
      data-error-code={error.apiCode ?? error.code}
    >
      <h2>{title}</h2>
      <p>{error.message}</p>
      {error.details.length > 0 && (
        <ul className="error-details">
          {error.details.map((detail, index) => (
            // Details may repeat, and they never reorder.
            // biome-ignore lint/suspicious/noArrayIndexKey: static list
            <li key={index}>
              <code>{detail}</code>
            </li>
          ))}
        </ul>
      )}
      <p className="error-code">Error code: {error.apiCode ?? error.code}</p>
      {action}
    </section>
  );
}
