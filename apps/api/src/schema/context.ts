import type { AppContext } from '../app-context';
import type { Viewer } from '../auth/api-tokens';
import type { HttpExchange } from '../auth/request-viewer';
import { createLoaders, type Loaders } from './loaders';

/** Per-request GraphQL context: the app, who is asking, fresh data loaders and a request id. */
export type GraphQLContext = {
  app: AppContext;
  viewer: Viewer | undefined;
  loaders: Loaders;
  requestId: string;
  /** The HTTP exchange (cookie, client address) when the operation came over HTTP. */
  http?: HttpExchange;
};

export function createGraphQLContext(
  app: AppContext,
  requestId: string,
  viewer?: Viewer,
  http?: HttpExchange,
): GraphQLContext {
  return { app, viewer, loaders: createLoaders(app.database.db), requestId, http };
}
