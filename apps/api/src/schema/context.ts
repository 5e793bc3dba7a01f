import type { AppContext } from '../app-context';
import type { Viewer } from '../auth/api-tokens';
import { createLoaders, type Loaders } from './loaders';

/** Per-request GraphQL context: the app, who is asking, fresh data loaders and a request id. */
export type GraphQLContext = {
  app: AppContext;
  viewer: Viewer | undefined;
  loaders: Loaders;
  requestId: string;
};

export function createGraphQLContext(app: AppContext, requestId: string, viewer?: Viewer): GraphQLContext {
  return { app, viewer, loaders: createLoaders(app.database.db), requestId };
}
