import {
  annotations,
  type CurrentLabel,
  categoryAliases,
  categoryEvents,
  findDatasetCurrentLabels,
  images,
  labels,
} from '@loupe/db';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../app-context';
import { notFound } from '../errors';
import { publishChange } from '../events/publish-change';
import {
  findMatchingImageIds,
  findTextCounts,
  matchingTexts,
  ruleMatches,
  type TextCount,
} from './alias-text-matches';
import {
  type AliasMatch,
  type AliasRuleRow,
  normalizePattern,
  requireRuleCategory,
} from './curate-alias-rules';
import { requireDataset } from './find-or-create-dataset';
import { requestRetrainQuietly } from './save-label';

/** Text rules may replace labels that came from text or import; what a person decided stays. */
const REPLACEABLE_SOURCES: ReadonlySet<CurrentLabel['source']> = new Set(['TECHNOLOGIST', 'IMPORT']);

/** Whether applying a rule for `categoryId` writes a label over this current label. */
export function isRelabelled(current: CurrentLabel | undefined, categoryId: string): boolean {
  if (!current) return true;
  return REPLACEABLE_SOURCES.has(current.source) && current.categoryId !== categoryId;
}

export type AliasRulePreview = {
  matchCount: number;
  textCount: number;
  samples: TextCount[];
  labelChangeCount: number | null;
  keptLabelCount: number | null;
};

/** What a rule would match and, given its category, change; writes nothing. */
export async function previewAliasRule(
  ctx: AppContext,
  options: { datasetId: string; pattern: string; match: AliasMatch; categoryId?: string; first: number },
): Promise<AliasRulePreview> {
  const { db } = ctx.database;
  const dataset = await requireDataset(db, options.datasetId);
  const rule = { match: options.match, pattern: normalizePattern(options.match, options.pattern) };
  const category = options.categoryId
    ? await requireRuleCategory(db, dataset.id, options.categoryId)
    : undefined;
  const texts = matchingTexts((await findTextCounts(db, [dataset.id])).get(dataset.id) ?? [], rule);
  const matchCount = texts.reduce((sum, entry) => sum + entry.count, 0);
  const summary = { matchCount, textCount: texts.length, samples: texts.slice(0, options.first) };
  if (!category || matchCount === 0)
    return { ...summary, labelChangeCount: category ? 0 : null, keptLabelCount: category ? 0 : null };
  const matching = await findMatchingImageIds(db, dataset.id, rule);
  const current = new Map((await findDatasetCurrentLabels(db, dataset.id)).map((row) => [row.imageId, row]));
  const changing = matching.filter((imageId) => isRelabelled(current.get(imageId), category.id)).length;
  const kept = matching.filter((imageId) => {
    const label = current.get(imageId);
    return label !== undefined && !REPLACEABLE_SOURCES.has(label.source);
  }).length;
  return { ...summary, labelChangeCount: changing, keptLabelCount: kept };
}

/**
 * Labels every image whose technologist text the rule matches with the rule's category (source TECHNOLOGIST),
 * where the current label is absent or came from text or import; annotator, reader and merge labels stay.
 * One transaction; a retrain is asked for when labels changed.
 */
export async function applyAliasRule(
  ctx: AppContext,
  options: { aliasId: string; authorId: string },
): Promise<{ rule: AliasRuleRow; labelsWritten: number }> {
  const { db } = ctx.database;
  const result = await db.transaction(async (tx) => {
    // A rule being applied cannot be deleted under it.
    const [rule] = await tx
      .select()
      .from(categoryAliases)
      .where(eq(categoryAliases.id, options.aliasId))
      .for('share');
    if (!rule) throw notFound('The alias rule');
    const category = await requireRuleCategory(tx, rule.datasetId, rule.categoryId);
    // Locking the annotated images makes a label saved meanwhile wait for this transaction, so it stays newest
    // and is never overwritten by a current label read before it.
    const isMatch = ruleMatches(rule);
    const annotated = await tx
      .select({ imageId: images.id, text: annotations.text })
      .from(images)
      .innerJoin(annotations, eq(annotations.imageId, images.id))
      .where(eq(images.datasetId, rule.datasetId))
      .for('update', { of: images });
    const current = new Map(
      (await findDatasetCurrentLabels(tx, rule.datasetId)).map((row) => [row.imageId, row]),
    );
    const imageIds = annotated
      .filter((row) => isMatch(row.text) && isRelabelled(current.get(row.imageId), category.id))
      .map((row) => row.imageId);
    for (let start = 0; start < imageIds.length; start += 500) {
      await tx.insert(labels).values(
        imageIds.slice(start, start + 500).map((imageId) => ({
          imageId,
          categoryId: category.id,
          source: 'TECHNOLOGIST' as const,
          aliasId: rule.id,
          authorId: options.authorId,
        })),
      );
    }
    if (imageIds.length > 0)
      await tx.insert(categoryEvents).values({
        categoryId: category.id,
        kind: 'alias applied',
        detail: JSON.stringify({ aliasId: rule.id, pattern: rule.pattern, labelsWritten: imageIds.length }),
        authorId: options.authorId,
      });
    return { rule, labelsWritten: imageIds.length, imageIds };
  });
  if (result.labelsWritten > 0) {
    await publishChange(ctx, {
      type: 'labelChanged',
      datasetId: result.rule.datasetId,
      imageIds: result.imageIds,
    });
    await requestRetrainQuietly(ctx, result.rule.datasetId, 'alias rule applied', options.authorId);
  }
  return { rule: result.rule, labelsWritten: result.labelsWritten };
}
