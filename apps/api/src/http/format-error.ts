import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { AppError, databaseUnavailable, isDatabaseUnavailable } from '../errors';
import type { Logger } from '../logger';
import type { GraphQLContext } from '../schema/context';

const CLIENT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'TOO_MANY_ALIASES',
  'QUERY_TOO_COMPLEX',
]);

function isExpected(formatted: GraphQLFormattedError, original: unknown): boolean {
  const code = formatted.extensions?.code;
  return original instanceof AppError || (typeof code === 'string' && CLIENT_ERROR_CODES.has(code));
}

/**
 * One place maps errors to clients: expected ones keep their code and user message; anything else is
 * masked, so no stack trace or SQL ever reaches a client.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const unwrapped = unwrapResolverError(error);
  // An outage of the database is no bug: the client is told to retry, and is shown nothing of the error.
  const isOutage = formatted.extensions?.code === 'UNAVAILABLE' || isDatabaseUnavailable(unwrapped);
  const original = isOutage ? databaseUnavailable() : unwrapped;
  if (original instanceof AppError) {
    return {
      message: original.userMessage,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: original.code },
    };
  }
  if (isExpected(formatted, original)) {
    return {
      message: formatted.message,
      locations: formatted.locations,
      extensions: { code: formatted.extensions?.code },
    };
  }
  return {
    message: 'Internal error. Quote the request id when reporting it.',
    path: formatted.path,
    extensions: { code: 'INTERNAL' },
  };
}

/** Logs unexpected errors with the request id, and gives every error the request id the client can quote. */
export function errorReportingPlugin(logger: Logger): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            if (isDatabaseUnavailable(original)) {
              logger.warn(
                { err: original, requestId: contextValue.requestId },
                'the database is unavailable',
              );
              continue;
            }
            if (original instanceof AppError || error.extensions?.code) continue;
            logger.error(
              { err: original, requestId: contextValue.requestId, path: error.path },
              'unexpected GraphQL error',
            );
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
            // Proxies and clients retry a 503 that says when.
            if (error.extensions?.code === 'UNAVAILABLE') {
              response.http.status = 503;
              response.http.headers.set('retry-after', '1');
            }
          }
        },
      };
    },
  };
}
