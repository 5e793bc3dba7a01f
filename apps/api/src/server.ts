import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { AppContext } from './app-context';
import { adminRoutes } from './http/admin-routes';
import { errorReportingPlugin, formatError } from './http/format-error';
import { imageRoutes } from './http/image-routes';
import { buildSchema } from './schema';
import { createGraphQLContext, type GraphQLContext } from './schema/context';

export type RunningServer = { httpServer: Server; url: string; close: () => Promise<void> };

export type ServerOptions = { port: number; host: string; adminToken?: string | undefined };

/** The HTTP face of Loupe: GraphQL at /graphql, image bytes under /images, admin routes for the CLI. */
export async function startServer(app: AppContext, options: ServerOptions): Promise<RunningServer> {
  const expressApp = express();
  expressApp.disable('x-powered-by');
  const httpServer = createHttpServer(expressApp);
  const apollo = new ApolloServer<GraphQLContext>({
    schema: buildSchema(),
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), errorReportingPlugin(app.logger)],
  });
  await apollo.start();
  expressApp.get('/healthz', (_req, res) => void res.json({ ok: true }));
  expressApp.use(imageRoutes(app));
  if (options.adminToken) expressApp.use(adminRoutes(app, options.adminToken));
  expressApp.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        const requestId = randomUUID();
        res.setHeader('X-Request-Id', requestId);
        return createGraphQLContext(app, requestId);
      },
    }),
  );
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, resolve);
  });
  const address = httpServer.address() as AddressInfo;
  return {
    httpServer,
    url: `http://${options.host}:${address.port}`,
    close: async () => {
      await apollo.stop();
    },
  };
}
