'use client';

import { useEffect, useId, useRef } from 'react';
import { CopyableField } from '../account/copyable-field';
import styles from '../account/settings.module.css';

/** A password generated for someone, shown this once to hand over; the heading takes the focus. */
export function IssuedPassword({
  email,
  password,
  onDismiss,
}: {
  email: string;
  password: string;
  onDismiss: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className={styles.secret} aria-labelledby={titleId} data-testid="issued-password">
      <h3 id={titleId} ref={heading} tabIndex={-1} className={styles.formTitle}>
        Password for {email}
      </h3>
      <p>
        <strong>Copy it now: it is not shown again.</strong> Hand it over in person or by a channel you trust;
        they can change it on their account page after signing in.
      </p>
      <CopyableField label="Password" value={password} testId="issued-password-value" />
      <div>
        <button type="button" className="button" onClick={onDismiss}>
          I have copied it
        </button>
      </div>
    </section>
  );
}
