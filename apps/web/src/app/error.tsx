'use client';

import { useEffect } from 'react';

type ErrorPageProps = { error: Error & { digest?: string }; reset: () => void };

/** Last resort for unexpected failures; expected API failures are shown by the pages' own error panels. */
export default function ErrorPage({ error, reset }: ErrorPageProps) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <section className="error-panel" role="alert" data-testid="error-panel" data-error-code="UNEXPECTED">
      <h2>Something went wrong</h2>
      <p>
        The page could not be shown. The error has been logged{error.digest ? ` as ${error.digest}` : ''}.
      </p>
      <button type="button" className="button" onClick={reset}>
        Try again
      </button>
    </section>
  );
}
