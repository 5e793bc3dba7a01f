import type { annotations, CurrentLabel, categories, images } from '@loupe/db';
import { requireCapability } from '../auth/roles';
import { badInput } from '../errors';
import type { GraphQLContext } from './context';
import { idOf, toGlobalId } from './global-id';

type ImageRow = typeof images.$inferSelect;
type CategoryRow = typeof categories.$inferSelect;
type AnnotationRow = typeof annotations.$inferSelect;

export const imageTypeDefs = /* GraphQL */ `
  type Image implements Node {
    id: ID!
    width: Int!
    height: Int!
    "PNG, JPEG or DICOM"
    format: String!
    bitDepth: Int!
    sourceFileName: String!
    frameIndex: Int
    sha256: String!
    study: Study!
    "The technologist's text typed on the image; null when it has none."
    annotation: Annotation
    originalUrl: String!
    "The image cropped to its crop box and resized to fit size × size pixels (PNG)."
    thumbnailUrl(size: Int = 256): String!
    currentLabel: Label
    "The crop box in effect: the image's own, else its study's default; null for the whole image."
    cropBox: CropBox
  }

  "The technologist's text typed on an image, recorded at import."
  type Annotation implements Node {
    id: ID!
    text: String!
    createdAt: String!
    image: Image!
  }

  type CropBox {
    x: Int!
    y: Int!
    width: Int!
    height: Int!
    "IMAGE when set on this image, STUDY when it is the study's default"
    scope: String!
  }

  type Label implements Node {
    id: ID!
    category: Category
    source: String!
    createdAt: String!
  }

  type Category implements Node {
    id: ID!
    name: String!
  }

  extend type Query {
    image(id: ID!): Image
  }
`;

export const THUMBNAIL_SIZES = [64, 128, 256, 512, 1024] as const;

export const imageResolvers = {
  Query: {
    image: (_: unknown, args: { id: string }, ctx: GraphQLContext) => {
      requireCapability(ctx.viewer, 'read');
      return ctx.loaders.image.load(idOf('Image', args.id));
    },
  },
  Image: {
    id: (image: ImageRow) => toGlobalId('Image', image.id),
    study: (image: ImageRow, _: unknown, ctx: GraphQLContext) => ctx.loaders.study.load(image.studyId),
    annotation: (image: ImageRow, _: unknown, ctx: GraphQLContext) => ctx.loaders.annotation.load(image.id),
    originalUrl: (image: ImageRow) => `/images/${image.id}/original`,
    thumbnailUrl: (image: ImageRow, args: { size?: number }) => {
      const size = args.size ?? 256;
      if (!(THUMBNAIL_SIZES as readonly number[]).includes(size)) {
        throw badInput(`Thumbnail size must be one of ${THUMBNAIL_SIZES.join(', ')}.`);
      }
      return `/images/${image.id}/thumbnail?size=${size}`;
    },
    currentLabel: (image: ImageRow, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.currentLabel.load(image.id),
    cropBox: async (image: ImageRow, _: unknown, ctx: GraphQLContext) => {
      const box = await ctx.loaders.cropBox.load({ imageId: image.id, studyId: image.studyId });
      return box ? { ...box, scope: box.imageId ? 'IMAGE' : 'STUDY' } : null;
    },
  },
  Annotation: {
    id: (annotation: AnnotationRow) => toGlobalId('Annotation', annotation.id),
    createdAt: (annotation: AnnotationRow) => annotation.createdAt.toISOString(),
    image: (annotation: AnnotationRow, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.image.load(annotation.imageId),
  },
  Label: {
    id: (label: CurrentLabel) => toGlobalId('Label', label.labelId),
    category: (label: CurrentLabel, _: unknown, ctx: GraphQLContext) =>
      label.categoryId ? ctx.loaders.category.load(label.categoryId) : null,
    createdAt: (label: CurrentLabel) => label.createdAt.toISOString(),
  },
  Category: {
    id: (category: CategoryRow) => toGlobalId('Category', category.id),
  },
};
