import { categories, findDatasetCurrentLabels, modelVersions, predictions, queueLeases } from '@loupe/db';
import { bytesToVector, type ImageScore, isMlError, rankCandidates } from '@loupe/ml';
import { and, desc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import type { AppContext } from '../app-context';
import { AppError } from '../errors';

export const LEASE_SECONDS = 120;

export type QueueItem = {
  imageId: string;
  strategy: string;
  score: number;
  reason: string;
  modelVersionId: string;
  top1CategoryId: string | null;
  top1Probability: number;
  top2CategoryId: string | null;
  top2Probability: number;
  margin: number;
  entropy: number;
  labelDisagreement: number | null;
  leasedUntil: Date;
};

/**
 * Hands an annotator the next images of a review-queue strategy, ranked from the newest model version's
 * stored scores, and leases them so no other annotator is handed the same image meanwhile.
 */
export async function takeQueueItems(
  ctx: AppContext,
  options: { datasetId: string; strategy: string; userId: string; count: number; seed?: string },
): Promise<QueueItem[]> {
  const { db } = ctx.database;
  if (!Number.isInteger(options.count) || options.count < 1 || options.count > 100) {
    throw new AppError('BAD_INPUT', 'Ask for 1 to 100 queue items at a time.');
  }
  const [version] = await db
    .select()
    .from(modelVersions)
    .where(eq(modelVersions.datasetId, options.datasetId))
    .orderBy(desc(modelVersions.version))
    .limit(1);
  if (!version) return [];
  const rows = await db.select().from(predictions).where(eq(predictions.modelVersionId, version.id));
  const leasedByOthers = await db
    .select({ imageId: queueLeases.imageId })
    .from(queueLeases)
    .where(
      and(
        eq(queueLeases.datasetId, options.datasetId),
        ne(queueLeases.userId, options.userId),
        gt(queueLeases.leasedUntil, new Date()),
      ),
    );
  const blocked = new Set(leasedByOthers.map((row) => row.imageId));
  const current = new Map(
    (await findDatasetCurrentLabels(db, options.datasetId)).map((label) => [label.imageId, label.categoryId]),
  );
  const classOf = new Map(version.categoryIds.map((id, index) => [id, index]));
  const scores: ImageScore[] = rows.map((row, index) =>
    toScore(row, index, classOf, current.get(row.imageId) ?? null),
  );
  const names = await categoryNames(ctx, version.categoryIds);
  const exclude = rows.flatMap((row, index) => (blocked.has(row.imageId) ? [index] : []));
  let ranked: ReturnType<typeof rankCandidates>;
  try {
    ranked = rankCandidates(options.strategy, scores, {
      batchSize: options.count * 2,
      exclude,
      seed: options.seed ?? `${options.userId}:${Date.now()}`,
      categoryNames: names,
    });
  } catch (error) {
    if (isMlError(error)) throw new AppError('BAD_INPUT', error.message);
    throw error;
  }
  const leasedUntil = new Date(Date.now() + LEASE_SECONDS * 1000);
  const wanted = ranked.map((candidate) => rows[candidate.index]!.imageId);
  const leased = await leaseImages(ctx, { ...options, imageIds: wanted, leasedUntil });
  return ranked
    .filter((candidate) => leased.has(rows[candidate.index]!.imageId))
    .slice(0, options.count)
    .map((candidate) => {
      const row = rows[candidate.index]!;
      return {
        ...row,
        strategy: options.strategy,
        score: candidate.score,
        reason: candidate.reason,
        leasedUntil,
      };
    });
}

/** Leases images atomically: a lease held by someone else and still valid is never taken over. */
async function leaseImages(
  ctx: AppContext,
  options: { datasetId: string; strategy: string; userId: string; imageIds: string[]; leasedUntil: Date },
): Promise<Set<string>> {
  if (options.imageIds.length === 0) return new Set();
  const rows = await ctx.database.db
    .insert(queueLeases)
    .values(
      options.imageIds.map((imageId) => ({
        imageId,
        datasetId: options.datasetId,
        userId: options.userId,
        strategy: options.strategy,
        leasedUntil: options.leasedUntil,
      })),
    )
    .onConflictDoUpdate({
      target: queueLeases.imageId,
      set: { userId: options.userId, strategy: options.strategy, leasedUntil: options.leasedUntil },
      setWhere: sql`${queueLeases.leasedUntil} < now() or ${queueLeases.userId} = ${options.userId}`,
    })
    .returning({ imageId: queueLeases.imageId });
  return new Set(rows.map((row) => row.imageId));
}

/** Gives a leased image back to the queue. */
export async function releaseQueueItem(
  ctx: AppContext,
  options: { imageId: string; userId: string },
): Promise<boolean> {
  const rows = await ctx.database.db
    .delete(queueLeases)
    .where(and(eq(queueLeases.imageId, options.imageId), eq(queueLeases.userId, options.userId)))
    .returning({ imageId: queueLeases.imageId });
  return rows.length > 0;
}

function toScore(
  row: typeof predictions.$inferSelect,
  index: number,
  classOf: Map<string, number>,
  labelCategory: string | null,
): ImageScore {
  const currentLabel = labelCategory ? (classOf.get(labelCategory) ?? -1) : null;
  return {
    index,
    top1: row.top1CategoryId ? (classOf.get(row.top1CategoryId) ?? 0) : 0,
    p1: row.top1Probability,
    top2: row.top2CategoryId ? (classOf.get(row.top2CategoryId) ?? 0) : 0,
    p2: row.top2Probability,
    margin: row.margin,
    entropy: row.entropy,
    leastConfidence: 1 - row.top1Probability,
    isLabelled: labelCategory !== null,
    currentLabel,
    labelProbability:
      currentLabel === null ? null : currentLabel >= 0 ? (row.probabilities[currentLabel] ?? 0) : 0,
    labelDisagreement:
      currentLabel === null ? null : currentLabel >= 0 ? 1 - (row.probabilities[currentLabel] ?? 0) : 1,
    labelledDistance: row.labelledDistance,
    sketch: row.sketch ? bytesToVector(row.sketch) : null,
  };
}

async function categoryNames(ctx: AppContext, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await ctx.database.db
    .select({ id: categories.id, name: categories.name })
    .from(categories)
    .where(inArray(categories.id, ids));
  const byId = new Map(rows.map((row) => [row.id, row.name]));
  return ids.map((id) => byId.get(id) ?? id);
}
