import { categoryAliases, type Database } from '@loupe/db';
import DataLoader from 'dataloader';
import { asc, inArray } from 'drizzle-orm';
import { findTextCounts, matchingTexts } from '../operations/alias-text-matches';

type AliasRuleRow = typeof categoryAliases.$inferSelect;

/** Alias rules by id and by category, and how many images each matches: a constant number of statements per request. */
export function createAliasLoaders(db: Database) {
  return {
    aliasRule: new DataLoader<string, AliasRuleRow | undefined>(async (ids) => {
      const rows = await db
        .select()
        .from(categoryAliases)
        .where(inArray(categoryAliases.id, [...ids]));
      const map = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => map.get(id));
    }),
    categoryAliasRules: new DataLoader<string, AliasRuleRow[]>(async (categoryIds) => {
      const rows = await db
        .select()
        .from(categoryAliases)
        .where(inArray(categoryAliases.categoryId, [...categoryIds]))
        .orderBy(asc(categoryAliases.createdAt), asc(categoryAliases.id));
      return categoryIds.map((id) => rows.filter((row) => row.categoryId === id));
    }),
    /** The number of images whose technologist text each rule matches (texts are read once per dataset). */
    aliasMatchCount: new DataLoader<AliasRuleRow, number, string>(
      async (rules) => {
        const texts = await findTextCounts(db, [...new Set(rules.map((rule) => rule.datasetId))]);
        return rules.map((rule) =>
          matchingTexts(texts.get(rule.datasetId) ?? [], rule).reduce((sum, entry) => sum + entry.count, 0),
        );
      },
      { cacheKeyFn: (rule) => rule.id },
    ),
  };
}
