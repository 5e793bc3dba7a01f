import { requireCapability } from '../auth/roles';
import { badInput } from '../errors';
import {
  compareModelVersions,
  type DiscordantImage,
  type ModelVersionComparison,
} from '../operations/compare-model-versions';
import type { GraphQLContext } from './context';
import { idOf } from './global-id';
import { decodeCursor, pageSize, toConnection } from './pagination';

export const modelComparisonTypeDefs = /* GraphQL */ `
  enum ComparisonSide {
    FIRST
    SECOND
  }

  """
  Two model versions of one dataset judged on the same images against today's labels: the images in use that are
  on the test side of both versions' splits, labelled with an active category both versions output, and predicted
  by both. Each version's own metrics rest on the test images labelled when it was trained, so they may differ in
  images and labels; this comparison does not.
  """
  type ModelVersionComparison {
    first: ModelVersion!
    second: ModelVersion!
    "The images both versions are judged on."
    imageCount: Int!
    "The studies those images come from (the clusters of the bootstrap intervals)."
    studyCount: Int!
    "Labelled test images left out because a version does not output their category (one added after it)."
    otherCategoryImageCount: Int!
    "Labelled test images left out because a version never predicted them (imported after it)."
    unpredictedImageCount: Int!
    "Null when no image is compared."
    firstAccuracy: ProportionEstimate
    secondAccuracy: ProportionEstimate
    "The label among a version's first two guesses."
    firstTop2Accuracy: ProportionEstimate
    secondTop2Accuracy: ProportionEstimate
    bothCorrect: Int!
    onlyFirstCorrect: Int!
    onlySecondCorrect: Int!
    neitherCorrect: Int!
    "Two-sided exact (binomial) McNemar p-value of the difference in top-1 accuracy; 1 when no image is discordant."
    mcnemarPValue: Float!
    "Cohen's kappa of the two versions' first guesses; null when undefined."
    kappa: Float
    "The images exactly one of the two versions got right, by image id."
    discordantImages(first: Int = 50, after: String): DiscordantImageConnection!
  }

  "An image one version got right and the other wrong."
  type DiscordantImage {
    image: Image!
    label: Category!
    firstGuess: Category!
    secondGuess: Category!
    "The version that got it right."
    correct: ComparisonSide!
  }

  type DiscordantImageConnection {
    edges: [DiscordantImageEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type DiscordantImageEdge {
    cursor: String!
    node: DiscordantImage!
  }

  extend type Query {
    """
    Compare two model versions of one dataset on the same test images (see ModelVersionComparison).
    BAD_INPUT: the same version twice, versions of two datasets, or an id that is not a ModelVersion id;
    NOT_FOUND: an unknown version; CONFLICT: a version whose predictions are no longer stored.
    """
    compareModelVersions(first: ID!, second: ID!): ModelVersionComparison!
  }
`;

const proportion = (value: ModelVersionComparison['first']['accuracy']) =>
  value && { ...value, clusterBootstrap: value.bootstrap };

export const modelComparisonResolvers = {
  Query: {
    compareModelVersions: (_: unknown, args: { first: string; second: string }, ctx: GraphQLContext) => {
      requireCapability(ctx.viewer, 'read');
      return compareModelVersions(ctx.app.database.db, {
        firstId: idOf('ModelVersion', args.first),
        secondId: idOf('ModelVersion', args.second),
      });
    },
  },
  ModelVersionComparison: {
    first: (comparison: ModelVersionComparison, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.modelVersion.load(comparison.firstId),
    second: (comparison: ModelVersionComparison, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.modelVersion.load(comparison.secondId),
    firstAccuracy: (comparison: ModelVersionComparison) => proportion(comparison.first.accuracy),
    secondAccuracy: (comparison: ModelVersionComparison) => proportion(comparison.second.accuracy),
    firstTop2Accuracy: (comparison: ModelVersionComparison) => proportion(comparison.first.top2Accuracy),
    secondTop2Accuracy: (comparison: ModelVersionComparison) => proportion(comparison.second.top2Accuracy),
    bothCorrect: (comparison: ModelVersionComparison) => comparison.paired.bothCorrect,
    onlyFirstCorrect: (comparison: ModelVersionComparison) => comparison.paired.onlyFirstCorrect,
    onlySecondCorrect: (comparison: ModelVersionComparison) => comparison.paired.onlySecondCorrect,
    neitherCorrect: (comparison: ModelVersionComparison) => comparison.paired.neitherCorrect,
    mcnemarPValue: (comparison: ModelVersionComparison) => comparison.paired.mcnemarPValue,
    kappa: (comparison: ModelVersionComparison) => comparison.paired.kappa,
    discordantImages: (comparison: ModelVersionComparison, args: { first?: number; after?: string }) => {
      const size = pageSize(args.first, 50);
      const after = decodeCursor(args.after);
      if (after && after.sort !== 'discordant') {
        throw badInput('The cursor is not valid; use a cursor returned by discordantImages.');
      }
      const rest = after
        ? comparison.discordant.filter((item) => item.imageId > after.id)
        : comparison.discordant;
      return toConnection(
        rest.slice(0, size + 1),
        size,
        comparison.discordant.length,
        (item) => ({ sort: 'discordant', id: item.imageId }),
        (item) => item,
      );
    },
  },
  DiscordantImage: {
    image: (item: DiscordantImage, _: unknown, ctx: GraphQLContext) => ctx.loaders.image.load(item.imageId),
    label: (item: DiscordantImage, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.category.load(item.labelCategoryId),
    firstGuess: (item: DiscordantImage, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.category.load(item.firstCategoryId),
    secondGuess: (item: DiscordantImage, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.category.load(item.secondCategoryId),
  },
};
