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

export type GraphQLRequestInit = Pick<RequestInit, 'signal' | 'cache' | 'credentials' | 'keepalive'> & {
  /** Extra request headers: the session cookie on the server, say. */
  headers?: Record<string, string>;
};

/** A result and the headers of the response it came in (none when the API could not be reached). */
export type GraphQLExchange<TData> = { result: ApiResult<TData>; headers: Headers | undefined };

/** Like `requestGraphQL`, keeping the response headers (the session cookie that signing in sets). */
export async function exchangeGraphQL<TData, TVariables>(
  endpoint: string,
  document: GraphQLDocument<TData, TVariables>,
  variables: TVariables,
  { headers, ...init }: GraphQLRequestInit = {},
): Promise<GraphQLExchange<TData>> {
  try {
    const response = await fetch(endpoint, {
      ...init,
      method: 'POST',
      headers: {
        ...headers,
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
      },
      body: JSON.stringify({ query: document.query, variables }),
    });
    const result = readGraphQLResponse<TData>(response.status, await readJson(response));
    return { result, headers: response.headers };
  } catch (cause) {
    if (init.signal?.aborted) throw cause;
    return { result: { ok: false, error: unreachableError(endpoint, cause) }, headers: undefined };
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
  init: GraphQLRequestInit = {},
): Promise<ApiResult<TData>> {
  return (await exchangeGraphQL(endpoint, document, variables, init)).result;
}
