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
import { suggestImageCropBox, suggestStudyCropBox } from '../operations/suggest-crop-box';
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

  "A crop box Loupe suggests: the box of the scan itself, without the scanner's text and marks around it."
  type CropBoxSuggestion {
    x: Int!
    y: Int!
    width: Int!
    height: Int!
    "True when the scan fills the whole image: there is nothing around it to crop away."
    isWholeImage: Boolean!
    "How many images the box was drawn from: 1 for an image, up to 5 for a study."
    imageCount: Int!
  }

  extend type Query {
    previewMerge(sourceId: ID!, targetId: ID!): MergePreview!
    """
    A crop box for an image: the box of the scan, found where its speckle stands out from the scanner's black
    background, without the text, marks and flat grey panels around it. Nothing is saved: set it with
    setCropBox. Null when no scan stands out. NOT_FOUND: an unknown image, or its bytes are missing; CONFLICT:
    its bytes do not decode.
    """
    suggestCropBox(imageId: ID!): CropBoxSuggestion
    """
    A default crop box for a study, whose images share the scanner's layout: the median, edge by edge, of the
    boxes suggested for up to 5 of its images of its most common size. Nothing is saved: set it with
    setStudyCropBox. Null when fewer than half of those images have a box. NOT_FOUND: an unknown study.
    """
    suggestStudyCropBox(studyId: ID!): CropBoxSuggestion
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
    suggestCropBox: (_: unknown, args: { imageId: string }, ctx: GraphQLContext) => {
      requireCapability(ctx.viewer, 'curate');
      return suggestImageCropBox(ctx.app, idOf('Image', args.imageId));
    },
    suggestStudyCropBox: (_: unknown, args: { studyId: string }, ctx: GraphQLContext) => {
      requireCapability(ctx.viewer, 'curate');
      return suggestStudyCropBox(ctx.app, idOf('Study', args.studyId));
    },
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
