import { requireCapability } from '../auth/roles';
import { bulkLabel } from '../operations/bulk-label';
import type { GraphQLContext } from './context';
import { idOf } from './global-id';
import { forgetLabels } from './loaders';

export const bulkLabelTypeDefs = /* GraphQL */ `
  extend type Mutation {
    "Label up to 500 images of one dataset at once (categoryId null clears their labels); all or nothing, one retrain request. Returns the images in the order given."
    bulkLabel(imageIds: [ID!]!, categoryId: ID): [Image!]!
  }
`;

export const bulkLabelResolvers = {
  Mutation: {
    bulkLabel: async (
      _: unknown,
      args: { imageIds: string[]; categoryId?: string | null },
      ctx: GraphQLContext,
    ) => {
      const viewer = requireCapability(ctx.viewer, 'label');
      const imageIds = await bulkLabel(ctx.app, {
        imageIds: args.imageIds.map((id) => idOf('Image', id)),
        categoryId: args.categoryId ? idOf('Category', args.categoryId) : null,
        authorId: viewer.userId,
      });
      forgetLabels(ctx.loaders);
      return ctx.loaders.image.loadMany(imageIds);
    },
  },
};
