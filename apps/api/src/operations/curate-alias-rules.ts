import { categories, categoryAliases, categoryEvents, type Database } from '@loupe/db';
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../app-context';
import { AppError, badInput, notFound } from '../errors';
import { requireDataset } from './find-or-create-dataset';
import { type AliasRule, aliasPatternProblem } from './match-alias';

export type AliasRuleRow = typeof categoryAliases.$inferSelect;
export type AliasMatch = AliasRule['match'];
type CategoryRow = typeof categories.$inferSelect;

/** The category a rule may point at: one of this dataset, neither merged away nor archived. */
export async function requireRuleCategory(
  db: Database,
  datasetId: string,
  categoryId: string,
): Promise<CategoryRow> {
  const [category] = await db.select().from(categories).where(eq(categories.id, categoryId));
  if (!category) throw notFound('The category');
  if (category.datasetId !== datasetId) throw badInput('The category belongs to another dataset.');
  if (category.mergedIntoId)
    throw badInput(`"${category.name}" was merged into another category; use that one instead.`);
  if (category.archivedAt) throw badInput(`"${category.name}" is archived; restore it first.`);
  return category;
}

/** The pattern as stored: trimmed for exact and case-insensitive rules (they compare trimmed text), as given for a regular expression. */
export function normalizePattern(match: AliasMatch, pattern: string): string {
  const problem = aliasPatternProblem(match, pattern);
  if (problem) throw badInput(problem);
  return match === 'REGEX' ? pattern : pattern.trim();
}

async function findSameRule(db: Database, datasetId: string, match: AliasMatch, pattern: string) {
  const samePattern =
    match === 'CASE_INSENSITIVE'
      ? sql`lower(${categoryAliases.pattern}) = lower(${pattern})`
      : eq(categoryAliases.pattern, pattern);
  const [rule] = await db
    .select()
    .from(categoryAliases)
    .where(and(eq(categoryAliases.datasetId, datasetId), eq(categoryAliases.match, match), samePattern));
  return rule;
}

const duplicate = (match: AliasMatch, pattern: string) =>
  new AppError('CONFLICT', `The dataset already has a ${match} rule for "${pattern}".`);

/** Adds a text → category rule; the next import applies it, `applyAliasRule` applies it to images already in. */
export async function createAliasRule(
  ctx: AppContext,
  options: { datasetId: string; categoryId: string; pattern: string; match: AliasMatch; authorId: string },
): Promise<AliasRuleRow> {
  const { db } = ctx.database;
  const dataset = await requireDataset(db, options.datasetId);
  const pattern = normalizePattern(options.match, options.pattern);
  const category = await requireRuleCategory(db, dataset.id, options.categoryId);
  if (await findSameRule(db, dataset.id, options.match, pattern)) throw duplicate(options.match, pattern);
  return db.transaction(async (tx) => {
    const [rule] = await tx
      .insert(categoryAliases)
      .values({
        datasetId: dataset.id,
        categoryId: category.id,
        pattern,
        match: options.match,
        createdBy: options.authorId,
      })
      .onConflictDoNothing()
      .returning();
    if (!rule) throw duplicate(options.match, pattern);
    await tx.insert(categoryEvents).values({
      categoryId: category.id,
      kind: 'alias added',
      detail: JSON.stringify({ aliasId: rule.id, pattern, match: options.match }),
      authorId: options.authorId,
    });
    return rule;
  });
}

/** Removes a rule. Labels it wrote stay (history is append-only); they no longer point at it. */
export async function deleteAliasRule(
  ctx: AppContext,
  options: { aliasId: string; authorId: string },
): Promise<AliasRuleRow> {
  const { db } = ctx.database;
  return db.transaction(async (tx) => {
    const [rule] = await tx
      .delete(categoryAliases)
      .where(eq(categoryAliases.id, options.aliasId))
      .returning();
    if (!rule) throw notFound('The alias rule');
    await tx.insert(categoryEvents).values({
      categoryId: rule.categoryId,
      kind: 'alias removed',
      detail: JSON.stringify({ aliasId: rule.id, pattern: rule.pattern, match: rule.match }),
      authorId: options.authorId,
    });
    return rule;
  });
}
