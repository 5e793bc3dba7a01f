'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { curlCommand } from '../../lib/api-tokens';
import { roleName } from '../../lib/user-roles';
import type { CreatedApiToken } from '../../queries/account-queries';
import { CopyableField } from './copyable-field';
import styles from './settings.module.css';

/**
 * The secret of a token just created, the only time Loupe shows it, with a curl command that tries it.
 * The heading takes the focus so a screen reader hears the warning first.
 */
export function NewTokenSecret({ created, onDismiss }: { created: CreatedApiToken; onDismiss: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const [origin, setOrigin] = useState('');
  useEffect(() => {
    setOrigin(window.location.origin);
    heading.current?.focus();
  }, []);
  const { apiToken, secret } = created;
  return (
    <section className={styles.secret} aria-labelledby={titleId} data-testid="new-token">
      <h3 id={titleId} ref={heading} tabIndex={-1} className={styles.formTitle}>
        Your new token “{apiToken.name}” ({roleName(apiToken.role)})
      </h3>
      <p>
        <strong>Copy the secret now: you will not see it again.</strong> Loupe keeps only a fingerprint of it.
        Keep it like a password; anyone who has it acts as you, with this token’s role.
      </p>
      <CopyableField label="Secret" value={secret} testId="new-token-secret" />
      {origin && (
        <CopyableField
          label="Try it with curl"
          value={curlCommand(origin, secret)}
          testId="new-token-curl"
          multiline
        />
      )}
      <div>
        <button type="button" className="button" onClick={onDismiss}>
          I have copied it
        </button>
      </div>
    </section>
  );
}
