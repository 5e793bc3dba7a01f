import {
  type Database,
  readerAssignments,
  readerReads,
  readerStudies,
  readerStudyCategories,
  readerStudyImages,
  readerStudyModels,
} from '@loupe/db';
import DataLoader from 'dataloader';
import { asc, inArray } from 'drizzle-orm';
import { notFound } from '../errors';
import type { ReaderStudyRow } from '../operations/create-reader-study';
import type { ReaderReadRow } from '../operations/reader-items';
import type { GraphQLContext } from './context';

type Row<T extends { $inferSelect: unknown }> = T['$inferSelect'];

/** Rows grouped under each key, in the order the statement returned them. */
function grouped<T>(rows: T[], keyOf: (row: T) => string, keys: readonly string[]): T[][] {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const group = map.get(keyOf(row));
    if (group) group.push(row);
    else map.set(keyOf(row), [row]);
  }
  return keys.map((key) => map.get(key) ?? []);
}

function createReaderStudyLoaders(db: Database) {
  return {
    study: new DataLoader<string, Row<typeof readerStudies> | undefined>(async (ids) => {
      const rows = await db
        .select()
        .from(readerStudies)
        .where(inArray(readerStudies.id, [...ids]));
      return ids.map((id) => rows.find((row) => row.id === id));
    }),
    /** A study's images (id and image id), by id. */
    items: new DataLoader<string, Row<typeof readerStudyImages>[]>(async (studyIds) =>
      grouped(
        await db
          .select()
          .from(readerStudyImages)
          .where(inArray(readerStudyImages.studyId, [...studyIds]))
          .orderBy(asc(readerStudyImages.id)),
        (row) => row.studyId,
        studyIds,
      ),
    ),
    item: new DataLoader<string, Row<typeof readerStudyImages> | undefined>(async (ids) => {
      const rows = await db
        .select()
        .from(readerStudyImages)
        .where(inArray(readerStudyImages.id, [...ids]));
      return ids.map((id) => rows.find((row) => row.id === id));
    }),
    /** The categories a study offers, in their order. */
    categoryIds: new DataLoader<string, string[]>(async (studyIds) =>
      grouped(
        await db
          .select()
          .from(readerStudyCategories)
          .where(inArray(readerStudyCategories.studyId, [...studyIds]))
          .orderBy(asc(readerStudyCategories.position)),
        (row) => row.studyId,
        studyIds,
      ).map((rows) => rows.map((row) => row.categoryId)),
    ),
    modelVersionIds: new DataLoader<string, string[]>(async (studyIds) =>
      grouped(
        await db
          .select()
          .from(readerStudyModels)
          .where(inArray(readerStudyModels.studyId, [...studyIds])),
        (row) => row.studyId,
        studyIds,
      ).map((rows) => rows.map((row) => row.modelVersionId)),
    ),
    assignmentsOfStudy: new DataLoader<string, Row<typeof readerAssignments>[]>(async (studyIds) =>
      grouped(
        await db
          .select()
          .from(readerAssignments)
          .where(inArray(readerAssignments.studyId, [...studyIds]))
          .orderBy(asc(readerAssignments.createdAt), asc(readerAssignments.id)),
        (row) => row.studyId,
        studyIds,
      ),
    ),
    assignment: new DataLoader<string, Row<typeof readerAssignments> | undefined>(async (ids) => {
      const rows = await db
        .select()
        .from(readerAssignments)
        .where(inArray(readerAssignments.id, [...ids]));
      return ids.map((id) => rows.find((row) => row.id === id));
    }),
    /** Each assignment's answers, by study image id. */
    reads: new DataLoader<string, Map<string, ReaderReadRow>>(async (assignmentIds) =>
      grouped(
        await db
          .select()
          .from(readerReads)
          .where(inArray(readerReads.assignmentId, [...assignmentIds])),
        (row) => row.assignmentId,
        assignmentIds,
      ).map((rows) => new Map(rows.map((row) => [row.studyImageId, row]))),
    ),
  };
}

export type ReaderStudyLoaders = ReturnType<typeof createReaderStudyLoaders>;

const perRequest = new WeakMap<object, ReaderStudyLoaders>();

/** The reader-study loaders of this request (made on first use, batched like the rest of `ctx.loaders`). */
export function readerStudyLoaders(ctx: GraphQLContext): ReaderStudyLoaders {
  let loaders = perRequest.get(ctx.loaders);
  if (!loaders) {
    loaders = createReaderStudyLoaders(ctx.app.database.db);
    perRequest.set(ctx.loaders, loaders);
  }
  return loaders;
}

export async function requireReaderStudy(ctx: GraphQLContext, id: string): Promise<ReaderStudyRow> {
  const study = await readerStudyLoaders(ctx).study.load(id);
  if (!study) throw notFound('The reader study');
  return study;
}

/** The categories a study offers, in their order. */
export const offeredCategories = async (ctx: GraphQLContext, studyId: string) => {
  const ids = await readerStudyLoaders(ctx).categoryIds.load(studyId);
  return ctx.loaders.category.loadMany(ids);
};
