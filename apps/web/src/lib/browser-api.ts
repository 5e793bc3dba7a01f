import type { ApiResult } from './api-result';
import type { GraphQLDocument } from './graphql-document';
import { requestGraphQL } from './request-graphql';

/** The web origin forwards `/graphql` to the API (see `src/proxy.ts`). */
export const browserGraphQLEndpoint = '/graphql';

/** Runs a document against the API from a client component, through the web origin. */
export function queryApiFromBrowser<TData, TVariables>(
  document: GraphQLDocument<TData, TVariables>,
  variables: TVariables,
  signal?: AbortSignal,
): Promise<ApiResult<TData>> {
  return requestGraphQL(browserGraphQLEndpoint, document, variables, signal ? { signal } : {});
}
