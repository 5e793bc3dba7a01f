import { readerStudies, type readerStudyImages } from '@loupe/db';
import { desc, eq } from 'drizzle-orm';
import { requireCapability, requireReader, roleCan } from '../auth/roles';
import { notFound } from '../errors';
import {
  createReaderStudy,
  type ReaderStudyRow,
  type ReaderStudyView,
} from '../operations/create-reader-study';
import { describeDataset } from '../operations/describe-dataset';
import { setReaderStudyState } from '../operations/set-reader-study-state';
import type { GraphQLContext } from './context';
import { idOf, toGlobalId } from './global-id';
import type { ModelVersionSummary } from './model-version';
import { readerAssignmentResolvers, readerAssignmentTypeDefs } from './reader-assignment';
import { offeredCategories, readerStudyLoaders } from './reader-study-loaders';
import { readerStudyResultsResolvers, readerStudyResultsTypeDefs } from './reader-study-results';

type StudyImageRow = typeof readerStudyImages.$inferSelect;

export const readerStudyTypeDefs = /* GraphQL */ `
  enum ReaderStudyState {
    DRAFT
    OPEN
    CLOSED
  }

  enum ReaderStudyView {
    "Readers see the crop box only, never the burned-in technologist text around it."
    CROP
    WHOLE_IMAGE
  }

  """
  Human readers against the model on a fixed set of images (DRAFT → OPEN → CLOSED). Data scientists and
  admins only: readers see their ReaderAssignment, never this.
  """
  type ReaderStudy implements Node {
    id: ID!
    name: String!
    dataset: Dataset!
    state: ReaderStudyState!
    view: ReaderStudyView!
    "The seed of the stratified sample, when the images were sampled."
    sampleSeed: String
    createdBy: User
    createdAt: String!
    openedAt: String
    closedAt: String
    "The categories offered to the readers, in the order they are shown."
    categories: [Category!]!
    "The model versions compared with the readers."
    modelVersions: [ModelVersion!]!
    imageCount: Int!
    images: [ReaderStudyImage!]!
    assignments: [ReaderAssignment!]!
    results: ReaderStudyResults!
  }

  "An image of a reader study with its reference category, fixed when the study was created."
  type ReaderStudyImage implements Node {
    id: ID!
    image: Image!
    referenceCategory: Category!
  }

  input CreateReaderStudyInput {
    datasetId: ID!
    name: String!
    "Users with role READER."
    readerIds: [ID!]!
    view: ReaderStudyView = CROP
    "Labelled images of the dataset; left out: its labelled test-split images whose label is offered."
    imageIds: [ID!]
    "Draw this many of those images, stratified by reference category, with sampleSeed (default loupe)."
    sampleSize: Int
    sampleSeed: String
    "Left out: the dataset's live categories."
    categoryIds: [ID!]
    "Left out: the newest model version (none when the dataset has none)."
    modelVersionIds: [ID!]
  }

  "How many studies, images and labelled images a dataset holds, in all and per split."
  type DatasetComposition {
    studyCount: Int!
    imageCount: Int!
    labelledImageCount: Int!
    splits: [SplitComposition!]!
  }

  type SplitComposition {
    split: Split!
    studyCount: Int!
    imageCount: Int!
    labelledImageCount: Int!
  }

  extend type Dataset {
    composition: DatasetComposition!
  }

  extend type Query {
    "A dataset's reader studies, newest first (data scientists and admins)."
    readerStudies(datasetId: ID!): [ReaderStudy!]!
    readerStudy(id: ID!): ReaderStudy
  }

  extend type Mutation {
    "A DRAFT reader study (data scientists and admins)."
    createReaderStudy(input: CreateReaderStudyInput!): ReaderStudy!
    "DRAFT → OPEN: readers may answer."
    openReaderStudy(id: ID!): ReaderStudy!
    "OPEN → CLOSED: answers are final."
    closeReaderStudy(id: ID!): ReaderStudy!
  }
  ${readerAssignmentTypeDefs}
  ${readerStudyResultsTypeDefs}
`;

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** A ReaderStudy or ReaderStudyImage for data scientists and admins, an assignment also for its reader. */
export async function loadReaderStudyNode(
  type: 'ReaderStudy' | 'ReaderStudyImage' | 'ReaderAssignment',
  id: string,
  ctx: GraphQLContext,
): Promise<object | undefined> {
  const loaders = readerStudyLoaders(ctx);
  const canSeeStudies = ctx.viewer !== undefined && roleCan(ctx.viewer.role, 'train');
  if (type === 'ReaderAssignment') {
    const viewer = requireCapabilityOrReader(ctx);
    const assignment = await loaders.assignment.load(id);
    return assignment && (canSeeStudies || assignment.readerId === viewer.userId) ? assignment : undefined;
  }
  if (!canSeeStudies) return undefined;
  return type === 'ReaderStudy' ? loaders.study.load(id) : loaders.item.load(id);
}

function requireCapabilityOrReader(ctx: GraphQLContext) {
  return ctx.viewer?.role === 'READER' ? requireReader(ctx.viewer) : requireCapability(ctx.viewer, 'read');
}

export const readerStudyResolvers = [
  {
    Query: {
      readerStudies: async (_: unknown, args: { datasetId: string }, ctx: GraphQLContext) => {
        requireCapability(ctx.viewer, 'train');
        const dataset = await ctx.loaders.dataset.load(idOf('Dataset', args.datasetId));
        if (!dataset) throw notFound('The dataset');
        return ctx.app.database.db
          .select()
          .from(readerStudies)
          .where(eq(readerStudies.datasetId, dataset.id))
          .orderBy(desc(readerStudies.createdAt), desc(readerStudies.id));
      },
      readerStudy: async (_: unknown, args: { id: string }, ctx: GraphQLContext) => {
        requireCapability(ctx.viewer, 'train');
        return (await readerStudyLoaders(ctx).study.load(idOf('ReaderStudy', args.id))) ?? null;
      },
    },
    Mutation: {
      createReaderStudy: async (
        _: unknown,
        args: {
          input: {
            datasetId: string;
            name: string;
            readerIds: string[];
            view?: ReaderStudyView | null;
            imageIds?: string[] | null;
            sampleSize?: number | null;
            sampleSeed?: string | null;
            categoryIds?: string[] | null;
            modelVersionIds?: string[] | null;
          };
        },
        ctx: GraphQLContext,
      ) => {
        const viewer = requireCapability(ctx.viewer, 'train');
        const { input } = args;
        const ids = (type: Parameters<typeof idOf>[0], list: string[] | null | undefined) =>
          list ? list.map((id) => idOf(type, id)) : list;
        return createReaderStudy(ctx.app.database.db, {
          datasetId: idOf('Dataset', input.datasetId),
          name: input.name,
          view: input.view ?? 'CROP',
          readerIds: ids('User', input.readerIds) ?? [],
          imageIds: ids('Image', input.imageIds),
          sampleSize: input.sampleSize,
          sampleSeed: input.sampleSeed,
          categoryIds: ids('Category', input.categoryIds),
          modelVersionIds: ids('ModelVersion', input.modelVersionIds),
          createdBy: viewer.userId,
        });
      },
      openReaderStudy: (_: unknown, args: { id: string }, ctx: GraphQLContext) => {
        requireCapability(ctx.viewer, 'train');
        return setReaderStudyState(ctx.app.database.db, {
          studyId: idOf('ReaderStudy', args.id),
          state: 'OPEN',
        });
      },
      closeReaderStudy: (_: unknown, args: { id: string }, ctx: GraphQLContext) => {
        requireCapability(ctx.viewer, 'train');
        return setReaderStudyState(ctx.app.database.db, {
          studyId: idOf('ReaderStudy', args.id),
          state: 'CLOSED',
        });
      },
    },
    Dataset: {
      composition: (dataset: { id: string }, _: unknown, ctx: GraphQLContext) => {
        requireCapability(ctx.viewer, 'read');
        return describeDataset(ctx.app.database.db, dataset.id);
      },
    },
    ReaderStudy: {
      id: (study: ReaderStudyRow) => toGlobalId('ReaderStudy', study.id),
      dataset: (study: ReaderStudyRow, _: unknown, ctx: GraphQLContext) =>
        ctx.loaders.dataset.load(study.datasetId),
      createdBy: (study: ReaderStudyRow, _: unknown, ctx: GraphQLContext) =>
        study.createdBy ? ctx.loaders.user.load(study.createdBy) : null,
      createdAt: (study: ReaderStudyRow) => study.createdAt.toISOString(),
      openedAt: (study: ReaderStudyRow) => iso(study.openedAt),
      closedAt: (study: ReaderStudyRow) => iso(study.closedAt),
      categories: (study: ReaderStudyRow, _: unknown, ctx: GraphQLContext) =>
        offeredCategories(ctx, study.id),
      modelVersions: async (study: ReaderStudyRow, _: unknown, ctx: GraphQLContext) => {
        const versions = await ctx.loaders.modelVersion.loadMany(
          await readerStudyLoaders(ctx).modelVersionIds.load(study.id),
        );
        return versions
          .filter(
            (version): version is ModelVersionSummary => Boolean(version) && !(version instanceof Error),
          )
          .sort((a, b) => a.version - b.version);
      },
      imageCount: async (study: ReaderStudyRow, _: unknown, ctx: GraphQLContext) =>
        (await readerStudyLoaders(ctx).items.load(study.id)).length,
      images: (study: ReaderStudyRow, _: unknown, ctx: GraphQLContext) => {
        requireCapability(ctx.viewer, 'train');
        return readerStudyLoaders(ctx).items.load(study.id);
      },
      assignments: (study: ReaderStudyRow, _: unknown, ctx: GraphQLContext) =>
        readerStudyLoaders(ctx).assignmentsOfStudy.load(study.id),
    },
    ReaderStudyImage: {
      id: (item: StudyImageRow) => toGlobalId('ReaderStudyImage', item.id),
      image: (item: StudyImageRow, _: unknown, ctx: GraphQLContext) => ctx.loaders.image.load(item.imageId),
      referenceCategory: (item: StudyImageRow, _: unknown, ctx: GraphQLContext) =>
        ctx.loaders.category.load(item.referenceCategoryId),
    },
  },
  readerAssignmentResolvers,
  readerStudyResultsResolvers,
];
