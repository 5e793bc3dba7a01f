'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { type SignInState, signIn } from '../../lib/session-actions';

const initialState: SignInState = { email: '', error: null };

/** Email and password; a failure is announced next to the form and puts the cursor back in the password. */
export function SignInForm({ returnTo }: { returnTo: string }) {
  const [state, submit, isPending] = useActionState(signIn, initialState);
  const [email, setEmail] = useState('');
  const passwordRef = useRef<HTMLInputElement>(null);
  const error = state.error;

  useEffect(() => {
    if (error) passwordRef.current?.focus();
  }, [error]);

  return (
    <form action={submit} className="sign-in-form">
      <input type="hidden" name="next" value={returnTo} />
      <label htmlFor="sign-in-email">Email</label>
      <input
        id="sign-in-email"
        name="email"
        type="email"
        autoComplete="username"
        required
        // biome-ignore lint/a11y/noAutofocus: the page exists to take these two fields
        autoFocus
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'sign-in-error' : undefined}
      />
      <label htmlFor="sign-in-password">Password</label>
      <input
        id="sign-in-password"
        ref={passwordRef}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'sign-in-error' : undefined}
      />
      <p
        id="sign-in-error"
        className="form-error"
        role="alert"
        data-testid="sign-in-error"
        data-error-code={error?.code}
        hidden={!error}
      >
        {error?.message}
      </p>
      <button type="submit" className="button" disabled={isPending}>
        {isPending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
