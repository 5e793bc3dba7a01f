import type { ApiErrorCode, ApiResult } from '../../lib/api-result';
import { queryApiFromBrowser } from '../../lib/browser-api';
import type { GraphQLDocument } from '../../lib/graphql-document';

/** Failures of the way to the API rather than of the request: a reused connection reset, say. */
const TRANSIENT: ReadonlySet<ApiErrorCode> = new Set(['HTTP_ERROR', 'API_UNREACHABLE']);

/** A read-only query, asked once more when the way to the API failed (never used for a mutation). */
export async function readWithRetry<TData, TVariables>(
  document: GraphQLDocument<TData, TVariables>,
  variables: TVariables,
  signal?: AbortSignal,
): Promise<ApiResult<TData>> {
  const first = await queryApiFromBrowser(document, variables, signal);
  if (first.ok || signal?.aborted || !TRANSIENT.has(first.error.code)) return first;
  return queryApiFromBrowser(document, variables, signal);
}
