import { categories, labels, predictions } from '@loupe/db';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { requireCapability } from '../auth/roles';
import { notFound } from '../errors';
import { saveLabel } from '../operations/save-label';
import { type QueueItem, releaseQueueItem, takeQueueItems } from '../operations/take-queue-items';
import { undoLabel } from '../operations/undo-label';
import type { GraphQLContext } from './context';
import { idOf, toGlobalId } from './global-id';
import { forgetLabels } from './loaders';
import { visibleUser } from './users';

type LabelRow = typeof labels.$inferSelect;
type PredictionRow = typeof predictions.$inferSelect & { categoryIds?: string[] };

export const labelingTypeDefs = /* GraphQL */ `
  "One label event; the history of an image is every event, newest first."
  type LabelEvent implements Node {
    id: ID!
    category: Category
    "TECHNOLOGIST, IMPORT, ANNOTATOR, MERGE or READER"
    source: String!
    "The database id of who made the event."
    author: String @deprecated(reason: "A raw database id, unlike every other reference: use by.")
    """
    Who made the event: the annotator or reader, or the curator who applied an alias rule or merged categories.
    Null when no one did (technologist text or labels read at import), or when the viewer may not see that user
    (only an ADMIN sees users other than themselves).
    """
    by: User
    isUndo: Boolean!
    createdAt: String!
  }

  type CategoryProbability {
    category: Category!
    probability: Float!
  }

  "A model version's opinion of one image."
  type Prediction {
    modelVersion: ModelVersion!
    "All categories with their probabilities, most likely first."
    probabilities: [CategoryProbability!]!
    top1: CategoryProbability
    top2: CategoryProbability
    margin: Float!
    entropy: Float!
    "For a labelled image: 1 − the probability of its current label."
    labelDisagreement: Float
  }

  "An image handed to an annotator by a review-queue strategy, leased to them for a while."
  type QueueItem {
    image: Image!
    strategy: String!
    score: Float!
    "Why the image is in the queue, in words and numbers."
    reason: String!
    top1: CategoryProbability
    top2: CategoryProbability
    margin: Float!
    entropy: Float!
    leasedUntil: String!
  }

  extend type Image {
    "The newest model version's prediction."
    prediction: Prediction
    labelHistory: [LabelEvent!]!
  }

  extend type Dataset {
    categories(includeArchived: Boolean = false): [Category!]!
  }

  type Mutation {
    "Label an image (categoryId null clears it). Enqueues a retrain."
    labelImage(imageId: ID!, categoryId: ID): Image!
    "Restore the label that stood before the newest one (a new event)."
    undoLabel(imageId: ID!): Image!
    "Ask for a training run of a dataset now."
    requestRetrain(datasetId: ID!): Boolean!
    "Take the next images of a strategy (RANDOM, LEAST_CONFIDENT, MARGIN, ENTROPY, DIVERSE_MARGIN, LIKELY_LABEL_ERROR)."
    takeQueueItems(datasetId: ID!, strategy: String!, count: Int = 10): [QueueItem!]!
    releaseQueueItem(imageId: ID!): Boolean!
  }
`;

async function probabilityOf(ctx: GraphQLContext, categoryId: string | null, probability: number) {
  if (!categoryId) return null;
  const category = await ctx.loaders.category.load(categoryId);
  return category ? { category, probability } : null;
}

export const labelingResolvers = {
  Image: {
    prediction: (image: { id: string }, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.prediction.load(image.id),
    labelHistory: (image: { id: string }, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.labelHistory.load(image.id),
  },
  Dataset: {
    categories: (dataset: { id: string }, args: { includeArchived?: boolean }, ctx: GraphQLContext) =>
      ctx.app.database.db
        .select()
        .from(categories)
        .where(
          and(
            eq(categories.datasetId, dataset.id),
            isNull(categories.mergedIntoId),
            args.includeArchived ? undefined : isNull(categories.archivedAt),
          ),
        )
        .orderBy(asc(categories.position), asc(categories.name)),
  },
  LabelEvent: {
    id: (row: LabelRow) => toGlobalId('Label', row.id),
    category: (row: LabelRow, _: unknown, ctx: GraphQLContext) =>
      row.categoryId ? ctx.loaders.category.load(row.categoryId) : null,
    author: (row: LabelRow) => row.authorId,
    by: (row: LabelRow, _: unknown, ctx: GraphQLContext) => visibleUser(ctx, row.authorId),
    isUndo: (row: LabelRow) => row.undoOfId !== null,
    createdAt: (row: LabelRow) => row.createdAt.toISOString(),
  },
  Prediction: {
    modelVersion: (row: PredictionRow, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.modelVersion.load(row.modelVersionId),
    probabilities: async (row: PredictionRow, _: unknown, ctx: GraphQLContext) => {
      const ids = row.categoryIds ?? [];
      const pairs = await Promise.all(
        row.probabilities.map((p, index) => probabilityOf(ctx, ids[index] ?? null, p)),
      );
      return pairs.filter((pair) => pair !== null).sort((a, b) => b.probability - a.probability);
    },
    top1: (row: PredictionRow, _: unknown, ctx: GraphQLContext) =>
      probabilityOf(ctx, row.top1CategoryId, row.top1Probability),
    top2: (row: PredictionRow, _: unknown, ctx: GraphQLContext) =>
      probabilityOf(ctx, row.top2CategoryId, row.top2Probability),
  },
  QueueItem: {
    image: async (item: QueueItem, _: unknown, ctx: GraphQLContext) => {
      const image = await ctx.loaders.image.load(item.imageId);
      if (!image) throw notFound('The image');
      return image;
    },
    top1: (item: QueueItem, _: unknown, ctx: GraphQLContext) =>
      probabilityOf(ctx, item.top1CategoryId, item.top1Probability),
    top2: (item: QueueItem, _: unknown, ctx: GraphQLContext) =>
      probabilityOf(ctx, item.top2CategoryId, item.top2Probability),
    leasedUntil: (item: QueueItem) => item.leasedUntil.toISOString(),
  },
  Mutation: {
    labelImage: async (
      _: unknown,
      args: { imageId: string; categoryId?: string | null },
      ctx: GraphQLContext,
    ) => {
      const viewer = requireCapability(ctx.viewer, 'label');
      const imageId = idOf('Image', args.imageId);
      const categoryId = args.categoryId ? idOf('Category', args.categoryId) : null;
      await saveLabel(ctx.app, { imageId, categoryId, authorId: viewer.userId });
      forgetLabels(ctx.loaders, imageId);
      return ctx.loaders.image.load(imageId);
    },
    undoLabel: async (_: unknown, args: { imageId: string }, ctx: GraphQLContext) => {
      const viewer = requireCapability(ctx.viewer, 'label');
      const imageId = idOf('Image', args.imageId);
      await undoLabel(ctx.app, { imageId, authorId: viewer.userId });
      forgetLabels(ctx.loaders, imageId);
      return ctx.loaders.image.load(imageId);
    },
    requestRetrain: async (_: unknown, args: { datasetId: string }, ctx: GraphQLContext) => {
      const viewer = requireCapability(ctx.viewer, 'train');
      const datasetId = idOf('Dataset', args.datasetId);
      if (!(await ctx.loaders.dataset.load(datasetId))) throw notFound('The dataset');
      if (!ctx.app.jobs) throw notFound('A job queue');
      await ctx.app.jobs.enqueue('retrain', { datasetId, reason: 'requested', requestedBy: viewer.userId });
      return true;
    },
    takeQueueItems: (
      _: unknown,
      args: { datasetId: string; strategy: string; count?: number },
      ctx: GraphQLContext,
    ) => {
      const viewer = requireCapability(ctx.viewer, 'label');
      return takeQueueItems(ctx.app, {
        datasetId: idOf('Dataset', args.datasetId),
        strategy: args.strategy,
        userId: viewer.userId,
        count: args.count ?? 10,
        // The items' images and categories were read with them: their fields need no further statement.
        onRowsSeen: (seen) => {
          for (const image of seen.images) ctx.loaders.image.prime(image.id, image);
          for (const category of seen.categories) ctx.loaders.category.prime(category.id, category);
        },
      });
    },
    releaseQueueItem: (_: unknown, args: { imageId: string }, ctx: GraphQLContext) => {
      const viewer = requireCapability(ctx.viewer, 'label');
      return releaseQueueItem(ctx.app, { imageId: idOf('Image', args.imageId), userId: viewer.userId });
    },
  },
};
