import { type ApiTokenRow, issueApiToken, listApiTokens, revokeApiToken } from '../auth/manage-api-tokens';
import { type Role, requireCapability } from '../auth/roles';
import { WEB_SESSION_TOKEN_NAME } from '../auth/web-sessions';
import { forgetImageRouteViewers } from '../http/image-routes';
import type { GraphQLContext } from './context';
import { idOf, toGlobalId } from './global-id';

export const apiTokenTypeDefs = /* GraphQL */ `
  "An API token or web session, without its secret."
  type ApiToken implements Node {
    id: ID!
    name: String!
    role: Role!
    owner: User!
    isWebSession: Boolean!
    "Whether the request reading it came with this token: this browser's web session, or this script's token."
    isCurrent: Boolean!
    createdAt: String!
    expiresAt: String
    revokedAt: String
  }

  "A new API token. The secret is shown this once; Loupe stores only its hash."
  type CreatedApiToken {
    apiToken: ApiToken!
    secret: String!
  }

  extend type Query {
    "The viewer's tokens, newest first; an admin sees anyone's (or one user's with userId)."
    apiTokens(userId: ID, includeInactive: Boolean = false): [ApiToken!]!
  }

  extend type Mutation {
    "A token for scripts (Authorization: Bearer …), with at most the role this request acts with."
    createApiToken(name: String!, role: Role, expiresAt: String): CreatedApiToken!
    "Revoke one of the viewer's tokens (an admin: anyone's)."
    revokeApiToken(id: ID!): ApiToken!
  }
`;

export const apiTokenResolvers = {
  Query: {
    apiTokens: (
      _: unknown,
      args: { userId?: string | null; includeInactive?: boolean },
      ctx: GraphQLContext,
    ) => {
      const viewer = requireCapability(ctx.viewer, 'read');
      return listApiTokens(ctx.app.database.db, viewer, {
        userId: args.userId ? idOf('User', args.userId) : undefined,
        includeInactive: args.includeInactive ?? false,
      });
    },
  },
  Mutation: {
    createApiToken: async (
      _: unknown,
      args: { name: string; role?: Role | null; expiresAt?: string | null },
      ctx: GraphQLContext,
    ) => {
      const viewer = requireCapability(ctx.viewer, 'read');
      const { row, secret } = await issueApiToken(ctx.app.database.db, viewer, args);
      return { apiToken: row, secret };
    },
    revokeApiToken: async (_: unknown, args: { id: string }, ctx: GraphQLContext) => {
      const viewer = requireCapability(ctx.viewer, 'read');
      const revoked = await revokeApiToken(ctx.app.database.db, viewer, idOf('ApiToken', args.id));
      forgetImageRouteViewers(ctx.app);
      return revoked;
    },
  },
  ApiToken: {
    id: (token: ApiTokenRow) => toGlobalId('ApiToken', token.id),
    owner: (token: ApiTokenRow, _: unknown, ctx: GraphQLContext) => ctx.loaders.user.load(token.userId),
    isWebSession: (token: ApiTokenRow) => token.name === WEB_SESSION_TOKEN_NAME,
    isCurrent: (token: ApiTokenRow, _: unknown, ctx: GraphQLContext) => token.id === ctx.viewer?.tokenId,
    createdAt: (token: ApiTokenRow) => token.createdAt.toISOString(),
    expiresAt: (token: ApiTokenRow) => token.expiresAt?.toISOString() ?? null,
    revokedAt: (token: ApiTokenRow) => token.revokedAt?.toISOString() ?? null,
  },
};
