import { type ApiResult, readGraphQLResponse, unreachableError } from './api-result';
import type { GraphQLDocument } from './graphql-document';

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON (an HTML error page from a proxy, say): the status tells the story.
    return undefined;
  }
}

/**
 * POSTs a document to a GraphQL endpoint. Expected failures (API down, HTTP or GraphQL errors) come back
 * as an `ApiResult` error; only programming errors throw.
 */
export async function requestGraphQL<TData, TVariables>(
  endpoint: string,
  document: GraphQLDocument<TData, TVariables>,
  variables: TVariables,
  init: Pick<RequestInit, 'signal' | 'cache'> = {},
): Promise<ApiResult<TData>> {
  try {
    const response = await fetch(endpoint, {
      ...init,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
      },
      body: JSON.stringify({ query: document.query, variables }),
    });
    return readGraphQLResponse<TData>(response.status, await readJson(response));
  } catch (cause) {
    if (init.signal?.aborted) throw cause;
    return { ok: false, error: unreachableError(endpoint, cause) };
  }
}
