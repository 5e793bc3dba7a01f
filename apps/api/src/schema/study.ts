import { images, type studies } from '@loupe/db';
import { and, asc, count, eq, gt, or } from 'drizzle-orm';
import { requireCapability } from '../auth/roles';
import type { GraphQLContext } from './context';
import { idOf, toGlobalId } from './global-id';
import { decodeCursor, pageSize, toConnection } from './pagination';

type StudyRow = typeof studies.$inferSelect;

export const studyTypeDefs = /* GraphQL */ `
  "An exam: the unit of the train/test split."
  type Study implements Node {
    id: ID!
    key: String!
    imageCount: Int!
    dataset: Dataset!
    "The default crop box of the study's images that have none of their own (scope STUDY); null for none."
    cropBox: CropBox
    images(first: Int = 100, after: String): ImageConnection!
  }

  type ImageConnection {
    edges: [ImageEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type ImageEdge {
    cursor: String!
    node: Image!
  }

  extend type Query {
    study(id: ID!): Study
  }
`;

export const studyResolvers = {
  Query: {
    study: (_: unknown, args: { id: string }, ctx: GraphQLContext) => {
      requireCapability(ctx.viewer, 'read');
      return ctx.loaders.study.load(idOf('Study', args.id));
    },
  },
  Study: {
    id: (study: StudyRow) => toGlobalId('Study', study.id),
    imageCount: (study: StudyRow, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.studyImageCount.load(study.id),
    dataset: (study: StudyRow, _: unknown, ctx: GraphQLContext) => ctx.loaders.dataset.load(study.datasetId),
    cropBox: async (study: StudyRow, _: unknown, ctx: GraphQLContext) => {
      const box = await ctx.loaders.studyCropBox.load(study.id);
      return box ? { ...box, scope: 'STUDY' } : null;
    },
    images: async (study: StudyRow, args: { first?: number; after?: string }, ctx: GraphQLContext) => {
      const size = pageSize(args.first, 100);
      const after = decodeCursor(args.after);
      const { db } = ctx.app.database;
      const inStudy = eq(images.studyId, study.id);
      const rows = await db
        .select()
        .from(images)
        .where(
          after
            ? and(
                inStudy,
                or(
                  gt(images.sourceFileName, after.sort),
                  and(eq(images.sourceFileName, after.sort), gt(images.id, after.id)),
                ),
              )
            : inStudy,
        )
        .orderBy(asc(images.sourceFileName), asc(images.id))
        .limit(size + 1);
      const [total] = await db.select({ n: count() }).from(images).where(inStudy);
      return toConnection(
        rows,
        size,
        total?.n ?? 0,
        (row) => ({ sort: row.sourceFileName, id: row.id }),
        (row) => row,
      );
    },
  },
};
