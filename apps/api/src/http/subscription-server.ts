import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import {
  type DocumentNode,
  type ExecutionArgs,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { AppContext } from '../app-context';
import { findViewerByToken } from '../auth/api-tokens';
import { readCookie } from '../auth/request-viewer';
import { roleCan } from '../auth/roles';
import { WEB_SESSION_COOKIE } from '../auth/web-sessions';
import { AppError } from '../errors';
import { startEventBus } from '../events/event-bus';
import { createGraphQLContext } from '../schema/context';
import { formatError } from './format-error';
import { aliasLimit, depthRule, pageSizeEstimator, QUERY_LIMITS } from './query-limits';
import { isAllowedWebOrigin } from './web-origin';

/** Open subscriptions per WebSocket connection, and the largest message a client may send. */
export const SUBSCRIPTION_LIMITS = { perConnection: 20, messageBytes: 64 * 1024 } as const;

export type SubscriptionServer = { close: () => Promise<void> };

const refuse = (message: string, code: string) => [new GraphQLError(message, { extensions: { code } })];

/**
 * GraphQL subscriptions over WebSocket (graphql-transport-ws) at /graphql, beside the HTTP endpoint: an API
 * token in the connection's `authorization` parameter or, without one, the web session cookie of the upgrade
 * request when it comes from an allowed page (see `isAllowedWebOrigin`); the HTTP endpoint's limits on every
 * operation.
 */
export async function serveSubscriptions(
  app: AppContext,
  httpServer: Server,
  schema: GraphQLSchema,
): Promise<SubscriptionServer> {
  const events = await startEventBus(app.database, app.logger);
  app.events = events;
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: SUBSCRIPTION_LIMITS.messageBytes,
  });
  const rules = [...specifiedRules, depthRule(QUERY_LIMITS.depth), aliasLimit(QUERY_LIMITS.aliases)];
  const cleanup = useServer<Record<string, unknown>, { token: string; isWebSession: boolean }>(
    {
      isProd: true,
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        const { request } = ctx.extra;
        let token: string | undefined;
        if (authorization !== undefined)
          token = typeof authorization === 'string' ? /^Bearer (.+)$/.exec(authorization)?.[1] : undefined;
        else if (isAllowedWebOrigin(request.headers, app.settings.webOrigins))
          token = readCookie(request.headers.cookie, WEB_SESSION_COOKIE);
        const isWebSession = authorization === undefined;
        const viewer = token
          ? await findViewerByToken(app.database.db, token, { webSession: isWebSession })
          : undefined;
        if (!token || !viewer || !roleCan(viewer.role, 'read')) return false;
        ctx.extra.token = token;
        ctx.extra.isWebSession = isWebSession;
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        if (Object.keys(ctx.subscriptions).length > SUBSCRIPTION_LIMITS.perConnection)
          return refuse(
            `A connection may hold ${SUBSCRIPTION_LIMITS.perConnection} subscriptions at once.`,
            'TOO_MANY_SUBSCRIPTIONS',
          );
        const checked = checkOperation(schema, payload, rules);
        if (!('document' in checked)) return checked;
        // The token may have been revoked, or the web session signed out or expired, since the connection opened.
        const viewer = ctx.extra.token
          ? await findViewerByToken(app.database.db, ctx.extra.token, { webSession: ctx.extra.isWebSession })
          : undefined;
        if (!viewer)
          return ctx.extra.isWebSession
            ? refuse('The web session has ended; sign in again.', 'UNAUTHENTICATED')
            : refuse('The API token is unknown, revoked or expired.', 'UNAUTHENTICATED');
        return {
          schema,
          document: checked.document,
          operationName: payload.operationName,
          variableValues: payload.variables ?? undefined,
          contextValue: createGraphQLContext(app, randomUUID(), viewer),
        } satisfies ExecutionArgs;
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: formatErrors(app, result.errors) } : undefined,
      onError: (_ctx, _id, _payload, errors) => formatErrors(app, errors),
    },
    wsServer,
  );
  return {
    close: async () => {
      await cleanup.dispose();
      if (app.events === events) app.events = undefined;
      await events.close();
    },
  };
}

/** Parses and validates a subscription under the HTTP endpoint's limits; errors carry their code. */
function checkOperation(
  schema: GraphQLSchema,
  payload: SubscribePayload,
  rules: typeof specifiedRules,
): { document: DocumentNode } | GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(payload.query, { maxTokens: QUERY_LIMITS.tokens });
  } catch (error) {
    return refuse((error as Error).message, 'GRAPHQL_PARSE_FAILED');
  }
  const invalid = validate(schema, document, rules);
  if (invalid.length > 0)
    return invalid.map(
      (error) =>
        new GraphQLError(error.message, {
          nodes: error.nodes,
          extensions: { code: error.extensions.code ?? 'GRAPHQL_VALIDATION_FAILED' },
        }),
    );
  if (getOperationAST(document, payload.operationName)?.operation !== 'subscription')
    return refuse('Send queries and mutations over HTTP; WebSocket serves subscriptions.', 'BAD_REQUEST');
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: document,
      operationName: payload.operationName ?? undefined,
      variables: payload.variables ?? {},
      estimators: [pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (error) {
    return refuse((error as Error).message, 'BAD_USER_INPUT');
  }
  if (cost > QUERY_LIMITS.complexity)
    return refuse(
      `The operation is too expensive (cost ${cost}, limit ${QUERY_LIMITS.complexity}).`,
      'QUERY_TOO_COMPLEX',
    );
  return { document };
}

/**
 * The HTTP endpoint's error mapping, plus what only a subscription meets: errors about the request itself
 * (refusals built above, bad variables: no exception behind them, no path) pass with their code, and an
 * event stream's typed error keeps its code.
 */
function formatErrors(app: AppContext, errors: readonly GraphQLError[]): GraphQLFormattedError[] {
  return errors.map((error) => {
    const original = error.originalError;
    if (original instanceof AppError)
      return { message: original.userMessage, path: error.path, extensions: { code: original.code } };
    if (!original && !error.path)
      return {
        message: error.message,
        locations: error.locations,
        extensions: { code: error.extensions.code ?? 'BAD_USER_INPUT' },
      };
    const formatted = formatError(error.toJSON(), error);
    if (formatted.extensions?.code === 'INTERNAL')
      app.logger.error({ err: original ?? error, path: error.path }, 'unexpected error in a subscription');
    return formatted;
  });
}
