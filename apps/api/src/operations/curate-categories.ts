import {
  categories,
  categoryAliases,
  categoryEvents,
  type Database,
  findDatasetCurrentLabels,
  labels,
} from '@loupe/db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../app-context';
import { AppError, notFound } from '../errors';
import { publishChange } from '../events/publish-change';
import { findOrCreateCategory } from './find-or-create-category';
import { requireDataset } from './find-or-create-dataset';
import { requestRetrainQuietly } from './save-label';

type CategoryRow = typeof categories.$inferSelect;

async function liveCategory(db: Pick<Database, 'select'>, id: string): Promise<CategoryRow> {
  const [row] = await db
    .select()
    .from(categories)
    .where(and(eq(categories.id, id), isNull(categories.mergedIntoId)));
  if (!row) throw notFound('The category');
  return row;
}

async function isNameTaken(
  db: Database,
  datasetId: string,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  const rows = await db
    .select({ id: categories.id })
    .from(categories)
    .where(
      and(
        eq(categories.datasetId, datasetId),
        isNull(categories.mergedIntoId),
        sql`lower(${categories.name}) = lower(${name.trim()})`,
      ),
    );
  return rows.some((row) => row.id !== exceptId);
}

export async function createCategory(
  ctx: AppContext,
  options: { datasetId: string; name: string; authorId: string },
) {
  await requireDataset(ctx.database.db, options.datasetId);
  if (await isNameTaken(ctx.database.db, options.datasetId, options.name)) {
    throw new AppError('CONFLICT', `A category named "${options.name.trim()}" already exists.`);
  }
  const category = await findOrCreateCategory(ctx.database.db, options);
  await ctx.database.db
    .insert(categoryEvents)
    .values({ categoryId: category.id, kind: 'created', authorId: options.authorId });
  return category;
}

export async function renameCategory(
  ctx: AppContext,
  options: { categoryId: string; name: string; authorId: string },
) {
  const { db } = ctx.database;
  const category = await liveCategory(db, options.categoryId);
  const name = options.name.trim();
  if (!name || name.length > 200)
    throw new AppError('BAD_INPUT', 'A category name must have 1 to 200 characters.');
  if (await isNameTaken(db, category.datasetId, name, category.id))
    throw new AppError('CONFLICT', `A category named "${name}" already exists.`);
  const [renamed] = await db
    .update(categories)
    .set({ name })
    .where(eq(categories.id, category.id))
    .returning();
  await db.insert(categoryEvents).values({
    categoryId: category.id,
    kind: 'renamed',
    detail: JSON.stringify({ from: category.name, to: name }),
    authorId: options.authorId,
  });
  return renamed!;
}

/** Archived categories leave the picker and the next model; their labels and history stay. */
export async function archiveCategory(
  ctx: AppContext,
  options: { categoryId: string; isArchived: boolean; authorId: string },
) {
  const { db } = ctx.database;
  const category = await liveCategory(db, options.categoryId);
  const [updated] = await db
    .update(categories)
    .set({ archivedAt: options.isArchived ? new Date() : null })
    .where(eq(categories.id, category.id))
    .returning();
  await db.insert(categoryEvents).values({
    categoryId: category.id,
    kind: options.isArchived ? 'archived' : 'restored',
    authorId: options.authorId,
  });
  await requestRetrainQuietly(ctx, category.datasetId, 'category archived', options.authorId);
  return updated!;
}

export type MergePreview = { labelsMoving: number; aliasesMoving: number };

/** How many current labels and alias rules a merge would move, for the confirm step. */
export async function previewMerge(
  ctx: AppContext,
  options: { sourceId: string; targetId: string },
): Promise<MergePreview> {
  const { db } = ctx.database;
  const source = await liveCategory(db, options.sourceId);
  const current = await findDatasetCurrentLabels(db, source.datasetId);
  const aliases = await db
    .select({ id: categoryAliases.id })
    .from(categoryAliases)
    .where(eq(categoryAliases.categoryId, source.id));
  return {
    labelsMoving: current.filter((label) => label.categoryId === source.id).length,
    aliasesMoving: aliases.length,
  };
}

/**
 * Merges `source` into `target`: every image whose current label is `source` gets a MERGE label event for
 * `target` (history keeps the old one), alias rules move, and `source` is marked merged. One transaction.
 */
export async function mergeCategories(
  ctx: AppContext,
  options: { sourceId: string; targetId: string; authorId: string },
) {
  const { db } = ctx.database;
  if (options.sourceId === options.targetId)
    throw new AppError('BAD_INPUT', 'A category cannot be merged into itself.');
  const source = await liveCategory(db, options.sourceId);
  const target = await liveCategory(db, options.targetId);
  if (source.datasetId !== target.datasetId)
    throw new AppError('BAD_INPUT', 'Both categories must belong to the same dataset.');
  const current = (await findDatasetCurrentLabels(db, source.datasetId)).filter(
    (label) => label.categoryId === source.id,
  );
  await db.transaction(async (tx) => {
    for (let start = 0; start < current.length; start += 500) {
      await tx.insert(labels).values(
        current.slice(start, start + 500).map((label) => ({
          imageId: label.imageId,
          categoryId: target.id,
          source: 'MERGE' as const,
          authorId: options.authorId,
          note: `merged from ${source.name}`,
        })),
      );
    }
    await tx
      .update(categoryAliases)
      .set({ categoryId: target.id })
      .where(eq(categoryAliases.categoryId, source.id));
    await tx.update(categories).set({ mergedIntoId: target.id }).where(eq(categories.id, source.id));
    await tx.insert(categoryEvents).values({
      categoryId: source.id,
      kind: 'merged',
      detail: JSON.stringify({ into: target.id, intoName: target.name, labelsMoved: current.length }),
      authorId: options.authorId,
    });
  });
  if (current.length > 0)
    await publishChange(ctx, {
      type: 'labelChanged',
      datasetId: source.datasetId,
      imageIds: current.map((label) => label.imageId),
    });
  await requestRetrainQuietly(ctx, source.datasetId, 'categories merged', options.authorId);
  return { target, labelsMoved: current.length };
}
