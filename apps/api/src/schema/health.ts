import type { GraphQLContext } from './context';

export const healthTypeDefs = /* GraphQL */ `
  type Health {
    ok: Boolean!
    "pglite (embedded) or postgres (server mode)"
    database: String!
    version: String!
  }

  extend type Query {
    health: Health!
  }
`;

export const LOUPE_VERSION = '0.1.0';

export const healthResolvers = {
  Query: {
    health: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
      await ctx.app.database.executeSql('select 1');
      return { ok: true, database: ctx.app.database.kind, version: LOUPE_VERSION };
    },
  },
};
