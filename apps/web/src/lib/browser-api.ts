import type { ApiResult } from './api-result';
import type { GraphQLDocument } from './graphql-document';
import { requestGraphQL } from './request-graphql';
import { signInPath } from './session';

/** The web origin forwards `/graphql` to the API (see `src/proxy.ts`). */
export const browserGraphQLEndpoint = '/graphql';

/**
 * Runs a document against the API from a client component, through the web origin, with the session
 * cookie. When the session has ended, the browser goes to the sign-in page (and comes back afterwards).
 * `keepalive`: the request goes on even when the page is left meanwhile (a label being saved, say).
 */
export async function queryApiFromBrowser<TData, TVariables>(
  document: GraphQLDocument<TData, TVariables>,
  variables: TVariables,
  signal?: AbortSignal,
  { keepalive = false }: { keepalive?: boolean } = {},
): Promise<ApiResult<TData>> {
  const result = await requestGraphQL(browserGraphQLEndpoint, document, variables, {
    credentials: 'same-origin',
    ...(signal ? { signal } : {}),
    ...(keepalive ? { keepalive } : {}),
  });
  if (!result.ok && result.error.code === 'UNAUTHENTICATED') {
    const { pathname, search } = window.location;
    window.location.assign(signInPath(`${pathname}${search}`));
  }
  return result;
}
