import { imageExclusions } from '@loupe/db';
import { requireCapability } from '../auth/roles';
import { countExcludedImages, setImagesExcluded } from '../operations/exclude-images';
import type { GraphQLContext } from './context';
import { idOf } from './global-id';
import { visibleUser } from './users';

type ExclusionRow = typeof imageExclusions.$inferSelect;

export const exclusionTypeDefs = /* GraphQL */ `
  "Why an image is left out of training, evaluation, predictions and the review queue (its labels are kept)."
  type ImageExclusion {
    reason: String!
    "The database id of who excluded it."
    author: String @deprecated(reason: "A raw database id, unlike every other reference: use by.")
    "Who excluded it: null when the viewer may not see that user (only ADMIN sees users other than themselves)."
    by: User
    excludedAt: String!
  }

  "One exclusion event; the history of an image is every event, newest first."
  type ImageExclusionEvent {
    "true: the image was excluded; false: brought back."
    excluded: Boolean!
    "Why (always set when excluded; optional when brought back)."
    reason: String
    "The database id of who did it."
    author: String @deprecated(reason: "A raw database id, unlike every other reference: use by.")
    "Who did it: null when the viewer may not see that user (only ADMIN sees users other than themselves)."
    by: User
    createdAt: String!
  }

  extend type Image {
    "Set while the image is excluded from training, evaluation, predictions and the review queue; null while it is in use."
    exclusion: ImageExclusion
    exclusionHistory: [ImageExclusionEvent!]!
  }

  extend type Dataset {
    "Images excluded now (they count in imageCount)."
    excludedImageCount: Int!
  }

  extend type Mutation {
    """
    Leave up to 500 images of one dataset out of training, evaluation, predictions and the review queue, saying
    why (1 to 500 characters, one line). Their labels stay; an image already excluded keeps its reason. All or
    nothing, recorded in each image's exclusion history, one retrain request. Returns the images in the order given.
    """
    excludeImages(imageIds: [ID!]!, reason: String!): [Image!]!
    "Bring excluded images back into use (reason optional); the same rules as excludeImages."
    includeImages(imageIds: [ID!]!, reason: String): [Image!]!
  }
`;

const changeExclusion =
  (excluded: boolean) =>
  async (_: unknown, args: { imageIds: string[]; reason?: string | null }, ctx: GraphQLContext) => {
    const viewer = requireCapability(ctx.viewer, 'curate');
    const imageIds = await setImagesExcluded(ctx.app, {
      imageIds: args.imageIds.map((id) => idOf('Image', id)),
      excluded,
      reason: args.reason,
      authorId: viewer.userId,
    });
    ctx.loaders.exclusionHistory.clearAll();
    for (const imageId of imageIds) ctx.loaders.image.clear(imageId);
    return ctx.loaders.image.loadMany(imageIds);
  };

export const exclusionResolvers = {
  Image: {
    exclusion: async (image: { id: string; excludedAt: Date | null }, _: unknown, ctx: GraphQLContext) => {
      if (!image.excludedAt) return null;
      const [newest] = await ctx.loaders.exclusionHistory.load(image.id);
      return newest?.excluded ? newest : null;
    },
    exclusionHistory: (image: { id: string }, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.exclusionHistory.load(image.id),
  },
  ImageExclusion: {
    excludedAt: (row: ExclusionRow) => row.createdAt.toISOString(),
    author: (row: ExclusionRow) => row.authorId,
    by: (row: ExclusionRow, _: unknown, ctx: GraphQLContext) => visibleUser(ctx, row.authorId),
  },
  ImageExclusionEvent: {
    createdAt: (row: ExclusionRow) => row.createdAt.toISOString(),
    author: (row: ExclusionRow) => row.authorId,
    by: (row: ExclusionRow, _: unknown, ctx: GraphQLContext) => visibleUser(ctx, row.authorId),
  },
  Dataset: {
    excludedImageCount: (dataset: { id: string }, _: unknown, ctx: GraphQLContext) =>
      countExcludedImages(ctx.app, dataset.id),
  },
  Mutation: {
    excludeImages: changeExclusion(true),
    includeImages: changeExclusion(false),
  },
};
