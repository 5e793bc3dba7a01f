import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { loadViewer } from '../../lib/server-api';
import { safeReturnPath } from '../../lib/session';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

type SignInPageProps = { searchParams: Promise<{ next?: string | string[] }> };

export default async function SignInPage({ searchParams }: SignInPageProps) {
  const { next } = await searchParams;
  const returnTo = safeReturnPath(Array.isArray(next) ? next[0] : next);
  // Signed in already (a bookmark, the back button): straight on.
  if (await loadViewer()) redirect(returnTo);
  return (
    <section className="card sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in</h1>
      <SignInForm returnTo={returnTo} />
    </section>
  );
}
