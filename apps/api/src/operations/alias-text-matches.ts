import { annotations, type Database, images } from '@loupe/db';
import { count, eq, inArray } from 'drizzle-orm';
import { type AliasRule, compileAliasRules } from './match-alias';

export type TextCount = { text: string; count: number };

/** Whether one rule, on its own, matches a technologist text (the same test import uses). */
export function ruleMatches(rule: Pick<AliasRule, 'pattern' | 'match'>): (text: string) => boolean {
  const matchOne = compileAliasRules([{ id: '', categoryId: '', ...rule }]);
  return (text) => matchOne(text) !== undefined;
}

/** Each distinct technologist text of the given datasets with the number of images carrying it. */
export async function findTextCounts(
  db: Database,
  datasetIds: readonly string[],
): Promise<Map<string, TextCount[]>> {
  const byDataset = new Map<string, TextCount[]>(datasetIds.map((id) => [id, []]));
  if (datasetIds.length === 0) return byDataset;
  const rows = await db
    .select({ datasetId: images.datasetId, text: annotations.text, count: count() })
    .from(annotations)
    .innerJoin(images, eq(images.id, annotations.imageId))
    .where(inArray(images.datasetId, [...datasetIds]))
    .groupBy(images.datasetId, annotations.text);
  for (const row of rows) byDataset.get(row.datasetId)?.push({ text: row.text, count: row.count });
  return byDataset;
}

/** The texts a rule matches, most frequent first (ties by text), with the number of images each. */
export function matchingTexts(
  texts: readonly TextCount[],
  rule: Pick<AliasRule, 'pattern' | 'match'>,
): TextCount[] {
  const isMatch = ruleMatches(rule);
  return texts
    .filter((entry) => isMatch(entry.text))
    .sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
}

/** The ids of the dataset's images whose technologist text the rule matches. */
export async function findMatchingImageIds(
  db: Database,
  datasetId: string,
  rule: Pick<AliasRule, 'pattern' | 'match'>,
): Promise<string[]> {
  const isMatch = ruleMatches(rule);
  const rows = await db
    .select({ imageId: annotations.imageId, text: annotations.text })
    .from(annotations)
    .innerJoin(images, eq(images.id, annotations.imageId))
    .where(eq(images.datasetId, datasetId));
  return rows.filter((row) => isMatch(row.text)).map((row) => row.imageId);
}
