import 'server-only';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { cache } from 'react';
import { env } from '../env';
import { meQuery, type SignedInViewer } from '../queries/session-queries';
import type { ApiResult } from './api-result';
import type { GraphQLDocument } from './graphql-document';
import { requestGraphQL } from './request-graphql';
import { RETURN_TO_HEADER, SESSION_COOKIE, sessionCookieHeader, signInPath } from './session';

export const serverGraphQLEndpoint = () => `${env.apiUrl}/graphql`;

/** Runs a document as the browser's signed-in user: the session cookie goes along to the API. */
async function requestAsViewer<TData, TVariables>(
  document: GraphQLDocument<TData, TVariables>,
  variables: TVariables,
): Promise<ApiResult<TData>> {
  await connection();
  const session = (await cookies()).get(SESSION_COOKIE)?.value;
  return requestGraphQL(serverGraphQLEndpoint(), document, variables, {
    cache: 'no-store',
    headers: session ? { cookie: sessionCookieHeader(session) } : {},
  });
}

/**
 * Runs a document against the API from a server component. Calls the API directly (not through the web
 * origin) and marks the page as rendered per request, so it always shows current data. When the API
 * answers that no one is signed in (the session expired or was revoked), the browser goes to the sign-in
 * page and comes back here afterwards.
 */
export async function queryApi<TData, TVariables>(
  document: GraphQLDocument<TData, TVariables>,
  variables: TVariables,
): Promise<ApiResult<TData>> {
  const result = await requestAsViewer(document, variables);
  if (!result.ok && result.error.code === 'UNAUTHENTICATED') {
    redirect(signInPath((await headers()).get(RETURN_TO_HEADER) ?? '/'));
  }
  return result;
}

/**
 * The signed-in user, once per render; null when signed out, when the session ended, or when the API is
 * down (the page's own query then shows why).
 */
export const loadViewer = cache(async (): Promise<SignedInViewer | null> => {
  if (!(await cookies()).has(SESSION_COOKIE)) return null;
  const result = await requestAsViewer(meQuery, {});
  return result.ok ? result.data.me : null;
});
