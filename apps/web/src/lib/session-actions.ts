'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { signInMutation, signOutMutation } from '../queries/session-queries';
import { exchangeGraphQL, requestGraphQL } from './request-graphql';
import { serverGraphQLEndpoint } from './server-api';
import { SESSION_COOKIE, SIGN_IN_PATH, safeReturnPath, sessionCookieHeader } from './session';
import { sessionCookieFrom } from './session-cookie';

export type SignInState = {
  /** The email as typed, so the form keeps it after a failure. */
  email: string;
  error: { code: string; message: string } | null;
};

function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/**
 * Signs in at the API and hands its session cookie to the browser, then goes to the page the user asked
 * for. A wrong password, too many attempts or an unreachable API come back as a message for the form.
 */
export async function signIn(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = field(form, 'email').trim();
  const password = field(form, 'password');
  if (!email || !password)
    return { email, error: { code: 'BAD_INPUT', message: 'Enter your email and password.' } };
  const request = await headers();
  const clientIp = request.get('x-forwarded-for');
  const { result, headers: answer } = await exchangeGraphQL(
    serverGraphQLEndpoint(),
    signInMutation,
    { email, password },
    { cache: 'no-store', headers: clientIp ? { 'x-forwarded-for': clientIp } : {} },
  );
  if (!result.ok) return { email, error: { code: result.error.code, message: result.error.message } };
  const session = sessionCookieFrom(answer);
  if (!session) {
    console.error('The Loupe API accepted a sign-in but set no session cookie.');
    return { email, error: { code: 'BAD_RESPONSE', message: 'The Loupe API did not open a session.' } };
  }
  const isHttps = request.get('x-forwarded-proto') === 'https';
  (await cookies()).set({ ...session, secure: isHttps });
  redirect(safeReturnPath(field(form, 'next')));
}

/** Ends the session at the API and removes the browser's cookie, even when the API cannot be reached. */
export async function signOut(): Promise<void> {
  const store = await cookies();
  const session = store.get(SESSION_COOKIE)?.value;
  if (session) {
    const result = await requestGraphQL(
      serverGraphQLEndpoint(),
      signOutMutation,
      {},
      {
        cache: 'no-store',
        headers: { cookie: sessionCookieHeader(session) },
      },
    );
    if (!result.ok)
      console.error('Signing out at the Loupe API failed; the cookie is removed anyway.', result.error);
  }
  store.delete(SESSION_COOKIE);
  redirect(SIGN_IN_PATH);
}
