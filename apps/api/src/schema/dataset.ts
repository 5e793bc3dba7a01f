import { datasets, images, studies } from '@loupe/db';
import { and, asc, count, eq, gt, or } from 'drizzle-orm';
import { requireCapability } from '../auth/roles';
import type { GraphQLContext } from './context';
import { idOf, toGlobalId } from './global-id';
import { decodeCursor, pageSize, toConnection } from './pagination';

type DatasetRow = typeof datasets.$inferSelect;

export const datasetTypeDefs = /* GraphQL */ `
  "A project: its own categories, studies, model versions and review queue."
  type Dataset implements Node {
    id: ID!
    name: String!
    description: String!
    imageCount: Int!
    studyCount: Int!
    studies(first: Int = 50, after: String): StudyConnection!
  }

  type StudyConnection {
    edges: [StudyEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type StudyEdge {
    cursor: String!
    node: Study!
  }

  extend type Query {
    datasets: [Dataset!]!
    dataset(id: ID!): Dataset
  }
`;

export const datasetResolvers = {
  Query: {
    datasets: (_: unknown, __: unknown, ctx: GraphQLContext) => {
      requireCapability(ctx.viewer, 'read');
      return ctx.app.database.db.select().from(datasets).orderBy(asc(datasets.name));
    },
    dataset: (_: unknown, args: { id: string }, ctx: GraphQLContext) => {
      requireCapability(ctx.viewer, 'read');
      return ctx.loaders.dataset.load(idOf('Dataset', args.id));
    },
  },
  Dataset: {
    id: (dataset: DatasetRow) => toGlobalId('Dataset', dataset.id),
    imageCount: async (dataset: DatasetRow, _: unknown, ctx: GraphQLContext) => {
      const [row] = await ctx.app.database.db
        .select({ n: count() })
        .from(images)
        .where(eq(images.datasetId, dataset.id));
      return row?.n ?? 0;
    },
    studyCount: async (dataset: DatasetRow, _: unknown, ctx: GraphQLContext) => {
      const [row] = await ctx.app.database.db
        .select({ n: count() })
        .from(studies)
        .where(eq(studies.datasetId, dataset.id));
      return row?.n ?? 0;
    },
    studies: async (dataset: DatasetRow, args: { first?: number; after?: string }, ctx: GraphQLContext) => {
      const size = pageSize(args.first, 50);
      const after = decodeCursor(args.after);
      const { db } = ctx.app.database;
      const inDataset = eq(studies.datasetId, dataset.id);
      const rows = await db
        .select()
        .from(studies)
        .where(
          after
            ? and(
                inDataset,
                or(gt(studies.key, after.sort), and(eq(studies.key, after.sort), gt(studies.id, after.id))),
              )
            : inDataset,
        )
        .orderBy(asc(studies.key), asc(studies.id))
        .limit(size + 1);
      const [total] = await db.select({ n: count() }).from(studies).where(inDataset);
      return toConnection(
        rows,
        size,
        total?.n ?? 0,
        (row) => ({ sort: row.key, id: row.id }),
        (row) => row,
      );
    },
  },
};
