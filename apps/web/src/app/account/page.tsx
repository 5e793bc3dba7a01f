import type { Metadata } from 'next';
import Link from 'next/link';
import { AccountScreen } from '../../components/account/account-screen';
import { ErrorPanel } from '../../components/error-panel';
import { queryApi } from '../../lib/server-api';
import { mayUseApiTokens } from '../../lib/user-roles';
import { accountApiTokensQuery, accountViewerQuery } from '../../queries/account-queries';

export const metadata: Metadata = { title: 'Your account' };

const retry = (
  <Link className="button" href="/account" prefetch={false}>
    Try again
  </Link>
);

/** Every signed-in user's own page: who they are, their password, their API tokens and web sessions. */
export default async function AccountPage() {
  const viewer = await queryApi(accountViewerQuery, {});
  if (!viewer.ok)
    return <ErrorPanel title="Your account could not be loaded" error={viewer.error} action={retry} />;
  const { me } = viewer.data;
  // A reader's session may not list tokens (the API asks for the read capability).
  const tokens = mayUseApiTokens(me.role)
    ? await queryApi(accountApiTokensQuery, { userId: me.user.id, includeInactive: false })
    : null;
  if (tokens && !tokens.ok)
    return <ErrorPanel title="Your API tokens could not be loaded" error={tokens.error} action={retry} />;
  return (
    <>
      <h1>Your account</h1>
      <AccountScreen viewer={me} tokens={tokens ? tokens.data.apiTokens : null} />
    </>
  );
}
