import 'server-only';
import { connection } from 'next/server';
import { env } from '../env';
import type { ApiResult } from './api-result';
import type { GraphQLDocument } from './graphql-document';
import { requestGraphQL } from './request-graphql';

/**
 * Runs a document against the API from a server component. Calls the API directly (not through the web
 * origin) and marks the page as rendered per request, so it always shows current data.
 */
export async function queryApi<TData, TVariables>(
  document: GraphQLDocument<TData, TVariables>,
  variables: TVariables,
): Promise<ApiResult<TData>> {
  await connection();
  return requestGraphQL(`${env.apiUrl}/graphql`, document, variables, { cache: 'no-store' });
}
