import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import type { AppContext } from './app-context';
import { resolveRequestViewer } from './auth/request-viewer';
import { createSignInLimiters } from './auth/web-sessions';
import { databaseUnavailable, isDatabaseUnavailable } from './errors';
import { adminRoutes } from './http/admin-routes';
import { BODY_LIMITS, payloadTooLarge, requireUtf8 } from './http/body-limits';
import { errorReportingPlugin, formatError } from './http/format-error';
import { imageRoutes } from './http/image-routes';
import {
  aliasLimit,
  complexityPlugin,
  depthRule,
  nulCharacterPlugin,
  QUERY_LIMITS,
} from './http/query-limits';
import { serveSubscriptions } from './http/subscription-server';
import { uploadMiddleware } from './http/upload-gate';
import { buildSchema } from './schema';
import { createGraphQLContext, type GraphQLContext } from './schema/context';

/** Clients and proxies may retry a request refused while the database is unavailable after a second. */
const RETRY_SOON = new Map([['retry-after', '1']]);

export type RunningServer = { httpServer: Server; url: string; close: () => Promise<void> };

export type ServerOptions = { port: number; host: string };

/** The HTTP face of Loupe: GraphQL at /graphql, image bytes under /images, admin routes for the CLI. */
export async function startServer(app: AppContext, options: ServerOptions): Promise<RunningServer> {
  const expressApp = express();
  expressApp.disable('x-powered-by');
  expressApp.set('trust proxy', app.settings.trustProxy);
  const httpServer = createHttpServer(expressApp);
  // The web app's proxy keeps connections to the API open between requests: the API must keep an idle one
  // longer than the proxy does, or the proxy reuses a socket the API has just closed (ECONNRESET, a 500).
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const schema = buildSchema();
  // Sign-in attempts are counted in this process: behind several replicas, each counts its own.
  const signInLimiters = createSignInLimiters();
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    validationRules: [depthRule(QUERY_LIMITS.depth), aliasLimit(QUERY_LIMITS.aliases)],
    parseOptions: { maxTokens: QUERY_LIMITS.tokens },
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      errorReportingPlugin(app.logger),
      complexityPlugin(schema, QUERY_LIMITS.complexity),
      nulCharacterPlugin(),
    ],
  });
  await apollo.start();
  expressApp.get('/healthz', (_req, res) => void res.json({ ok: true }));
  expressApp.use(imageRoutes(app));
  expressApp.use(adminRoutes(app));
  expressApp.use(
    '/graphql',
    ...uploadMiddleware(app),
    express.json({ limit: BODY_LIMITS.graphql, verify: requireUtf8 }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = randomUUID();
        res.setHeader('X-Request-Id', requestId);
        const { viewer, http } = await resolveRequestViewer(app, req, res, signInLimiters).catch(
          (error: unknown) => {
            if (!isDatabaseUnavailable(error)) throw error;
            const { userMessage } = databaseUnavailable();
            throw new GraphQLError(userMessage, {
              extensions: { code: 'UNAVAILABLE', http: { status: 503, headers: RETRY_SOON } },
            });
          },
        );
        return createGraphQLContext(app, requestId, viewer, http);
      },
    }),
  );
  expressApp.use(payloadTooLarge);
  // Malformed bodies and anything else that escapes a route: a short JSON answer, never a stack trace.
  expressApp.use(
    (
      error: Error & { status?: number; type?: string },
      _req: Request,
      res: Response,
      _next: NextFunction,
    ) => {
      const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
      if (status === 500) app.logger.error({ err: error }, 'unexpected HTTP error');
      res.status(status).json({
        error: status === 500 ? 'INTERNAL' : status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST',
        message: status === 500 ? 'Internal error.' : error.message,
      });
    },
  );
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, resolve);
  });
  const subscriptions = await serveSubscriptions(app, httpServer, schema);
  const address = httpServer.address() as AddressInfo;
  return {
    httpServer,
    url: `http://${options.host}:${address.port}`,
    close: async () => {
      await subscriptions.close();
      await apollo.stop();
    },
  };
}
