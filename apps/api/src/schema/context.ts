import type { AppContext } from '../app-context';
import { createLoaders, type Loaders } from './loaders';

/** Per-request GraphQL context: the app, fresh data loaders and a request id the client also gets on errors. */
export type GraphQLContext = { app: AppContext; loaders: Loaders; requestId: string };

export function createGraphQLContext(app: AppContext, requestId: string): GraphQLContext {
  return { app, loaders: createLoaders(app.database.db), requestId };
}
