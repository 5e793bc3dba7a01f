import { type ChangeEvent, type ChangeEventType, jobs, modelVersions } from '@loupe/db';
import { desc, eq } from 'drizzle-orm';
import { requireCapability } from '../auth/roles';
import { AppError, notFound } from '../errors';
import type { GraphQLContext } from './context';
import { idOf } from './global-id';
import { createLoaders } from './loaders';
import { modelVersionColumns } from './model-version';

export const subscriptionTypeDefs = /* GraphQL */ `
  "A dataset's review queue looks different: a new model version, new predictions, images leased, released, excluded or brought back."
  type QueueChange {
    dataset: Dataset!
    "MODEL_VERSION, PREDICTIONS, LEASED, RELEASED, EXCLUDED or INCLUDED (brought back)"
    reason: String!
    "The images leased, released, excluded or brought back (none for new predictions or a new version)."
    images: [Image!]!
    "The model version whose predictions rank the queue now."
    modelVersion: ModelVersion
  }

  "Images whose current label changed: a label, an undo, or part of a merge."
  type LabelChange {
    dataset: Dataset!
    images: [Image!]!
  }

  "Live changes over WebSocket (graphql-transport-ws at /graphql); each event carries the current objects."
  type Subscription {
    "A dataset's jobs as they are queued, start, progress and finish."
    jobProgress(datasetId: ID!): Job!
    modelVersionCreated(datasetId: ID!): ModelVersion!
    "Changes of a dataset's review queue: refetch the queue on each."
    queueChanged(datasetId: ID!): QueueChange!
    "Label changes in a dataset, by anyone."
    labelChanged(datasetId: ID!): LabelChange!
  }
`;

type QueueChange = { datasetId: string; reason: string; imageIds: string[]; modelVersionId?: string };
type LabelChange = { datasetId: string; imageIds: string[] };

const overHttp = () =>
  new AppError('BAD_INPUT', 'Subscribe over WebSocket (graphql-transport-ws) at /graphql.');

/**
 * A subscription field: checks the viewer and the dataset once, then loads each event's objects fresh
 * (new data loaders per event, so nested fields show the state after the change).
 */
function datasetFeed<T>(
  types: ChangeEventType[],
  load: (event: ChangeEvent, ctx: GraphQLContext) => Promise<T | undefined>,
) {
  return {
    subscribe: async (_: unknown, args: { datasetId: string }, ctx: GraphQLContext) => {
      requireCapability(ctx.viewer, 'read');
      const datasetId = idOf('Dataset', args.datasetId);
      if (!(await ctx.loaders.dataset.load(datasetId))) throw notFound('The dataset');
      if (!ctx.app.events) throw overHttp();
      return ctx.app.events.subscribe({
        datasetId,
        types,
        load: (event) => {
          ctx.loaders = createLoaders(ctx.app.database.db);
          return load(event, ctx);
        },
      });
    },
    // Over HTTP a subscription runs as a query, with no event to resolve.
    resolve: (payload: T | undefined) => {
      if (payload === undefined) throw overHttp();
      return payload;
    },
  };
}

const imagesOf = async (ctx: GraphQLContext, ids: string[]) =>
  (await ctx.loaders.image.loadMany(ids)).filter((image) => image && !(image instanceof Error));

export const subscriptionResolvers = {
  Subscription: {
    jobProgress: datasetFeed(['jobChanged'], async (event, ctx) => {
      if (event.type !== 'jobChanged') return undefined;
      const [job] = await ctx.app.database.db.select().from(jobs).where(eq(jobs.id, event.jobId));
      return job;
    }),
    modelVersionCreated: datasetFeed(['modelVersionCreated'], async (event, ctx) =>
      event.type === 'modelVersionCreated' ? ctx.loaders.modelVersion.load(event.modelVersionId) : undefined,
    ),
    queueChanged: datasetFeed<QueueChange>(['queueChanged', 'modelVersionCreated'], async (event) => {
      if (event.type === 'modelVersionCreated')
        return {
          datasetId: event.datasetId,
          reason: 'MODEL_VERSION',
          imageIds: [],
          modelVersionId: event.modelVersionId,
        };
      return event.type === 'queueChanged' ? event : undefined;
    }),
    labelChanged: datasetFeed<LabelChange>(['labelChanged'], async (event) =>
      event.type === 'labelChanged' && event.imageIds.length > 0 ? event : undefined,
    ),
  },
  QueueChange: {
    dataset: (change: QueueChange, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.dataset.load(change.datasetId),
    images: (change: QueueChange, _: unknown, ctx: GraphQLContext) => imagesOf(ctx, change.imageIds),
    modelVersion: async (change: QueueChange, _: unknown, ctx: GraphQLContext) => {
      if (change.modelVersionId) return ctx.loaders.modelVersion.load(change.modelVersionId);
      const [newest] = await ctx.app.database.db
        .select(modelVersionColumns)
        .from(modelVersions)
        .where(eq(modelVersions.datasetId, change.datasetId))
        .orderBy(desc(modelVersions.version))
        .limit(1);
      return newest ?? null;
    },
  },
  LabelChange: {
    dataset: (change: LabelChange, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.dataset.load(change.datasetId),
    images: (change: LabelChange, _: unknown, ctx: GraphQLContext) => imagesOf(ctx, change.imageIds),
  },
};
