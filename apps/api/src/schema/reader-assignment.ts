import { readerAssignments, readerStudies } from '@loupe/db';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { requireCapability, requireReader } from '../auth/roles';
import { AppError, badInput } from '../errors';
import type { ReaderStudyView } from '../operations/create-reader-study';
import { firstUnanswered, type ReaderReadRow, readerItemOrder } from '../operations/reader-items';
import { submitReaderAnswer } from '../operations/submit-reader-answer';
import type { GraphQLContext } from './context';
import { idOf, toGlobalId } from './global-id';
import { THUMBNAIL_SIZES } from './image';
import { offeredCategories, readerStudyLoaders, requireReaderStudy } from './reader-study-loaders';

type AssignmentRow = typeof readerAssignments.$inferSelect;
type StudyImageRow = { id: string; studyId: string; imageId: string; referenceCategoryId: string };
/** One image as one reader sees it: where it sits in their order, how to fetch it, their own answer. */
type ReaderItem = {
  item: StudyImageRow;
  position: number;
  view: ReaderStudyView;
  read: ReaderReadRow | null;
};

/** What a READER sees and does: their assignments, the images in their order, their answers. */
export const readerAssignmentTypeDefs = /* GraphQL */ `
  """
  One reader's place in one study. The reader sees only what is needed to answer: no label, prediction,
  technologist text or other reader's answer.
  """
  type ReaderAssignment implements Node {
    id: ID!
    reader: User!
    studyName: String!
    state: ReaderStudyState!
    view: ReaderStudyView!
    categories: [ReaderCategory!]!
    progress: ReaderProgress!
    "The first unanswered image in this reader's order (seeded per reader, stable); null when all are answered or the study is not OPEN."
    nextItem: ReaderItem
    "The image at this position of the reader's order (0-based), to go back and revise; the study must be OPEN."
    item(position: Int!): ReaderItem!
    "The whole study: data scientists and admins only."
    study: ReaderStudy!
  }

  "A category as a reader sees it: its id (a Category id) and name."
  type ReaderCategory {
    id: ID!
    name: String!
    color: String
  }

  type ReaderProgress {
    answered: Int!
    total: Int!
  }

  type ReaderItem {
    "Pass it to submitReaderAnswer."
    id: ID!
    position: Int!
    "Where the reader fetches the image while the study is OPEN: the crop box only in a CROP study."
    imageUrl(size: Int = 512): String!
    "This reader's answer so far."
    answer: ReaderAnswer
  }

  type ReaderAnswer {
    category: ReaderCategory!
    secondCategory: ReaderCategory
    "1 (a guess) to 5 (certain)."
    confidence: Int
    "Time spent on the image over every submission, as the client measured it."
    timeMs: Int!
    "How often the answer was changed after the first submission."
    revisions: Int!
    updatedAt: String!
  }

  type SubmitReaderAnswerResult {
    item: ReaderItem!
    assignment: ReaderAssignment!
  }

  input ReaderAnswerInput {
    "A ReaderItem id."
    itemId: ID!
    categoryId: ID!
    secondCategoryId: ID
    confidence: Int
    timeMs: Int!
  }

  extend type Query {
    "The signed-in reader's assignments in OPEN and CLOSED studies, newest first (READER only)."
    myReaderAssignments: [ReaderAssignment!]!
  }

  extend type Mutation {
    "Answer (or revise the answer to) an image of an OPEN study (READER only)."
    submitReaderAnswer(input: ReaderAnswerInput!): SubmitReaderAnswerResult!
  }
`;

/** The item at `position` of the assignment's reader's order. */
async function itemAt(ctx: GraphQLContext, assignment: AssignmentRow, position: number | null) {
  const loaders = readerStudyLoaders(ctx);
  const [study, items, reads] = await Promise.all([
    requireReaderStudy(ctx, assignment.studyId),
    loaders.items.load(assignment.studyId),
    loaders.reads.load(assignment.id),
  ]);
  const order = readerItemOrder(
    items.map((item) => item.id),
    study.id,
    assignment.readerId,
  );
  const at = position ?? firstUnanswered(order, new Set(reads.keys()));
  if (at === null || study.state !== 'OPEN') return null;
  const item = items.find((candidate) => candidate.id === order[at]);
  if (!item) throw badInput(`position must lie in 0…${order.length - 1}.`);
  return { item, position: at, view: study.view, read: reads.get(item.id) ?? null } satisfies ReaderItem;
}

export const readerAssignmentResolvers = {
  Query: {
    myReaderAssignments: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
      const viewer = requireReader(ctx.viewer);
      const rows = await ctx.app.database.db
        .select({ assignment: readerAssignments })
        .from(readerAssignments)
        .innerJoin(readerStudies, eq(readerStudies.id, readerAssignments.studyId))
        .where(
          and(
            eq(readerAssignments.readerId, viewer.userId),
            inArray(readerStudies.state, ['OPEN', 'CLOSED']),
          ),
        )
        .orderBy(desc(readerStudies.createdAt), desc(readerStudies.id));
      return rows.map((row) => row.assignment);
    },
  },
  Mutation: {
    submitReaderAnswer: async (
      _: unknown,
      args: {
        input: {
          itemId: string;
          categoryId: string;
          secondCategoryId?: string | null;
          confidence?: number | null;
          timeMs: number;
        };
      },
      ctx: GraphQLContext,
    ) => {
      const viewer = requireReader(ctx.viewer);
      const { input } = args;
      const read = await submitReaderAnswer(ctx.app.database.db, {
        readerId: viewer.userId,
        studyImageId: idOf('ReaderStudyImage', input.itemId),
        categoryId: idOf('Category', input.categoryId),
        secondCategoryId: input.secondCategoryId ? idOf('Category', input.secondCategoryId) : null,
        confidence: input.confidence,
        timeMs: input.timeMs,
      });
      const loaders = readerStudyLoaders(ctx);
      const assignment = (await loaders.assignment.load(read.assignmentId))!;
      loaders.reads.clear(assignment.id);
      const [study, items] = await Promise.all([
        requireReaderStudy(ctx, read.studyId),
        loaders.items.load(read.studyId),
      ]);
      const order = readerItemOrder(
        items.map((item) => item.id),
        study.id,
        assignment.readerId,
      );
      const item = items.find((candidate) => candidate.id === read.studyImageId)!;
      return {
        item: { item, position: order.indexOf(item.id), view: study.view, read } satisfies ReaderItem,
        assignment,
      };
    },
  },
  ReaderAssignment: {
    id: (assignment: AssignmentRow) => toGlobalId('ReaderAssignment', assignment.id),
    reader: (assignment: AssignmentRow, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.user.load(assignment.readerId),
    studyName: async (assignment: AssignmentRow, _: unknown, ctx: GraphQLContext) =>
      (await requireReaderStudy(ctx, assignment.studyId)).name,
    state: async (assignment: AssignmentRow, _: unknown, ctx: GraphQLContext) =>
      (await requireReaderStudy(ctx, assignment.studyId)).state,
    view: async (assignment: AssignmentRow, _: unknown, ctx: GraphQLContext) =>
      (await requireReaderStudy(ctx, assignment.studyId)).view,
    categories: (assignment: AssignmentRow, _: unknown, ctx: GraphQLContext) =>
      offeredCategories(ctx, assignment.studyId),
    progress: async (assignment: AssignmentRow, _: unknown, ctx: GraphQLContext) => {
      const loaders = readerStudyLoaders(ctx);
      const [items, reads] = await Promise.all([
        loaders.items.load(assignment.studyId),
        loaders.reads.load(assignment.id),
      ]);
      return { answered: reads.size, total: items.length };
    },
    nextItem: (assignment: AssignmentRow, _: unknown, ctx: GraphQLContext) => itemAt(ctx, assignment, null),
    item: async (assignment: AssignmentRow, args: { position: number }, ctx: GraphQLContext) => {
      const study = await requireReaderStudy(ctx, assignment.studyId);
      if (study.state !== 'OPEN')
        throw new AppError(
          'CONFLICT',
          `The reader study is ${study.state}: its images are shown only while it is OPEN.`,
        );
      return itemAt(ctx, assignment, args.position);
    },
    study: (assignment: AssignmentRow, _: unknown, ctx: GraphQLContext) => {
      requireCapability(ctx.viewer, 'train');
      return requireReaderStudy(ctx, assignment.studyId);
    },
  },
  ReaderCategory: {
    id: (category: { id: string }) => toGlobalId('Category', category.id),
  },
  ReaderItem: {
    id: (reading: ReaderItem) => toGlobalId('ReaderStudyImage', reading.item.id),
    imageUrl: (reading: ReaderItem, args: { size?: number }) => {
      const size = args.size ?? 512;
      if (!(THUMBNAIL_SIZES as readonly number[]).includes(size))
        throw badInput(`size must be one of ${THUMBNAIL_SIZES.join(', ')}.`);
      const whole = reading.view === 'WHOLE_IMAGE' ? '&crop=0' : '';
      return `/images/${reading.item.imageId}/thumbnail?size=${size}${whole}`;
    },
    answer: (reading: ReaderItem) => reading.read,
  },
  ReaderAnswer: {
    category: (read: ReaderReadRow, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.category.load(read.categoryId),
    secondCategory: (read: ReaderReadRow, _: unknown, ctx: GraphQLContext) =>
      read.secondCategoryId ? ctx.loaders.category.load(read.secondCategoryId) : null,
    updatedAt: (read: ReaderReadRow) => read.updatedAt.toISOString(),
  },
};
