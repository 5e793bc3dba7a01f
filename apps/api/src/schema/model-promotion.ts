import { modelVersions } from '@loupe/db';
import { and, eq } from 'drizzle-orm';
import { requireCapability } from '../auth/roles';
import { promoteModelVersion } from '../operations/promote-model-version';
import type { GraphQLContext } from './context';
import { idOf } from './global-id';
import { modelVersionColumns } from './model-version';

export const modelPromotionTypeDefs = /* GraphQL */ `
  extend type Dataset {
    "The version people chose as the dataset's current model (see promoteModelVersion); null until one is promoted."
    promotedModelVersion: ModelVersion
  }

  extend type Mutation {
    """
    Promote a model version: it becomes its dataset's current model, the one to report and to hand out
    (pass its number to loupe export-model), and every other version of the dataset loses the mark, in one
    transaction. Idempotent.
    Promotion is a record of that choice: predictions, the review queue and the next training run's warm start
    keep following the newest version (latestModelVersion).
    """
    promoteModelVersion(id: ID!): ModelVersion!
  }
`;

export const modelPromotionResolvers = {
  Dataset: {
    promotedModelVersion: async (dataset: { id: string }, _: unknown, ctx: GraphQLContext) => {
      const [row] = await ctx.app.database.db
        .select(modelVersionColumns)
        .from(modelVersions)
        .where(and(eq(modelVersions.datasetId, dataset.id), eq(modelVersions.isPromoted, true)))
        .limit(1);
      return row ?? null;
    },
  },
  Mutation: {
    promoteModelVersion: async (_: unknown, args: { id: string }, ctx: GraphQLContext) => {
      requireCapability(ctx.viewer, 'train');
      const promoted = await promoteModelVersion(ctx.app, {
        modelVersionId: idOf('ModelVersion', args.id),
      });
      ctx.loaders.modelVersion.clearAll();
      return promoted;
    },
  },
};
