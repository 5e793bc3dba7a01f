import { requireCapability } from '../auth/roles';
import {
  archiveCategory,
  createCategory,
  mergeCategories,
  previewMerge,
  renameCategory,
} from '../operations/curate-categories';
import {
  type CropInput,
  setImageCropBox,
  setImageCropBoxes,
  setStudyCropBox,
} from '../operations/set-crop-box';
import type { GraphQLContext } from './context';
import { idOf } from './global-id';

export const curationTypeDefs = /* GraphQL */ `
  "An image and its own crop box (null: clear it, so the study's default or the whole image applies)."
  input ImageCropBoxInput {
    imageId: ID!
    box: CropBoxInput
  }

  input CropBoxInput {
    x: Int!
    y: Int!
    width: Int!
    height: Int!
  }

  "What merging one category into another would move."
  type MergePreview {
    labelsMoving: Int!
    aliasesMoving: Int!
  }

  type MergeResult {
    target: Category!
    labelsMoved: Int!
  }

  extend type Query {
    previewMerge(sourceId: ID!, targetId: ID!): MergePreview!
  }

  extend type Mutation {
    createCategory(datasetId: ID!, name: String!): Category!
    renameCategory(categoryId: ID!, name: String!): Category!
    "Archived categories leave the picker and the next model; their labels stay."
    archiveCategory(categoryId: ID!, archived: Boolean = true): Category!
    "Re-point every current label and alias rule of source to target (recorded in history); source is kept as merged."
    mergeCategories(sourceId: ID!, targetId: ID!): MergeResult!
    "Set (or with null clear) an image's own crop box; enqueues re-embedding and a retrain."
    setCropBox(imageId: ID!, box: CropBoxInput): Image!
    "Set (or with null clear) the default crop box of every image of a study."
    setStudyCropBox(studyId: ID!, box: CropBoxInput): Study!
    """
    Set (or with null clear) the own crop boxes of up to 500 images of one dataset, all or none, in one
    transaction; enqueues one retrain, which re-embeds them. Returns the images in the order given.
    BAD_INPUT: no image, more than 500, an image listed twice, a box that does not fit its image, images of two
    datasets; NOT_FOUND: an unknown image.
    """
    setCropBoxes(boxes: [ImageCropBoxInput!]!): [Image!]!
  }
`;

export const curationResolvers = {
  Query: {
    previewMerge: (_: unknown, args: { sourceId: string; targetId: string }, ctx: GraphQLContext) => {
      requireCapability(ctx.viewer, 'read');
      return previewMerge(ctx.app, {
        sourceId: idOf('Category', args.sourceId),
        targetId: idOf('Category', args.targetId),
      });
    },
  },
  Mutation: {
    createCategory: (_: unknown, args: { datasetId: string; name: string }, ctx: GraphQLContext) => {
      const viewer = requireCapability(ctx.viewer, 'curate');
      return createCategory(ctx.app, {
        datasetId: idOf('Dataset', args.datasetId),
        name: args.name,
        authorId: viewer.userId,
      });
    },
    renameCategory: (_: unknown, args: { categoryId: string; name: string }, ctx: GraphQLContext) => {
      const viewer = requireCapability(ctx.viewer, 'curate');
      return renameCategory(ctx.app, {
        categoryId: idOf('Category', args.categoryId),
        name: args.name,
        authorId: viewer.userId,
      });
    },
    archiveCategory: (_: unknown, args: { categoryId: string; archived?: boolean }, ctx: GraphQLContext) => {
      const viewer = requireCapability(ctx.viewer, 'curate');
      return archiveCategory(ctx.app, {
        categoryId: idOf('Category', args.categoryId),
        isArchived: args.archived ?? true,
        authorId: viewer.userId,
      });
    },
    mergeCategories: (_: unknown, args: { sourceId: string; targetId: string }, ctx: GraphQLContext) => {
      const viewer = requireCapability(ctx.viewer, 'curate');
      return mergeCategories(ctx.app, {
        sourceId: idOf('Category', args.sourceId),
        targetId: idOf('Category', args.targetId),
        authorId: viewer.userId,
      });
    },
    setCropBox: (_: unknown, args: { imageId: string; box?: CropInput | null }, ctx: GraphQLContext) => {
      const viewer = requireCapability(ctx.viewer, 'curate');
      return setImageCropBox(ctx.app, {
        imageId: idOf('Image', args.imageId),
        box: args.box ?? null,
        authorId: viewer.userId,
      });
    },
    setCropBoxes: (
      _: unknown,
      args: { boxes: { imageId: string; box?: CropInput | null }[] },
      ctx: GraphQLContext,
    ) => {
      const viewer = requireCapability(ctx.viewer, 'curate');
      return setImageCropBoxes(ctx.app, {
        boxes: args.boxes.map((entry) => ({ imageId: idOf('Image', entry.imageId), box: entry.box ?? null })),
        authorId: viewer.userId,
      });
    },
    setStudyCropBox: (_: unknown, args: { studyId: string; box?: CropInput | null }, ctx: GraphQLContext) => {
      const viewer = requireCapability(ctx.viewer, 'curate');
      return setStudyCropBox(ctx.app, {
        studyId: idOf('Study', args.studyId),
        box: args.box ?? null,
        authorId: viewer.userId,
      });
    },
  },
};
