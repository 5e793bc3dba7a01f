import { randomUUID } from 'node:crypto';
import {
  categories,
  findCurrentLabels,
  images,
  modelVersions,
  notifyImagesSql,
  predictions,
  queueLeases,
} from '@loupe/db';
import {
  bytesToVector,
  DIVERSE_POOL_FACTOR,
  type ImageScore,
  isMlError,
  LABEL_ERROR_MIN_CONFIDENCE,
  rankCandidates,
  strategyNames,
} from '@loupe/ml';
import { and, asc, desc, eq, gt, gte, isNotNull, isNull, lt, ne, not, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AppContext } from '../app-context';
import { AppError } from '../errors';
import { publishChange } from '../events/publish-change';
import { requireDataset } from './find-or-create-dataset';

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

type ImageRow = typeof images.$inferSelect;
type CategoryRow = typeof categories.$inferSelect;

/** Rows read on the way, handed to the caller so that it need not read them again (GraphQL's loaders). */
export type SeenRows = { images: ImageRow[]; categories: CategoryRow[] };

/**
 * Hands an annotator the next images of a review-queue strategy, ranked from the newest model version's
 * stored scores, and leases them so no other annotator is handed the same image meanwhile.
 */
export async function takeQueueItems(
  ctx: AppContext,
  options: {
    datasetId: string;
    strategy: string;
    userId: string;
    count: number;
    seed?: string;
    onRowsSeen?: (rows: SeenRows) => void;
  },
): Promise<QueueItem[]> {
  const { db } = ctx.database;
  if (!Number.isInteger(options.count) || options.count < 1 || options.count > 100) {
    throw new AppError('BAD_INPUT', 'Ask for 1 to 100 queue items at a time.');
  }
  if (!strategyNames().includes(options.strategy)) {
    throw new AppError(
      'BAD_INPUT',
      `Unknown strategy "${options.strategy}"; valid strategies: ${strategyNames().join(', ')}.`,
    );
  }
  const newest = await newestVersion(ctx, options.datasetId);
  if (!newest) {
    // No model version yet: an empty queue for a dataset that exists, NOT_FOUND for one that does not.
    await requireDataset(db, options.datasetId);
    return [];
  }
  const { version, categoryRows } = newest;
  const { rows, imageRows, scores } = await readCandidates(ctx, { ...options, version });
  const byId = new Map(categoryRows.map((row) => [row.id, row.name]));
  const names = version.categoryIds.map((id) => byId.get(id) ?? id);
  let ranked: ReturnType<typeof rankCandidates>;
  try {
    ranked = rankCandidates(options.strategy, scores.scores, {
      batchSize: options.count * 2,
      exclude: scores.exclude,
      seed: options.seed ?? `${options.userId}:${Date.now()}`,
      categoryNames: names,
    });
  } catch (error) {
    if (isMlError(error)) throw new AppError('BAD_INPUT', error.message);
    throw error;
  }
  const leasedUntil = new Date(Date.now() + LEASE_SECONDS * 1000);
  // Lease only what is handed out; when another annotator wins a race for an image, the next candidates fill in.
  const wanted = ranked.map((candidate) => rows[candidate.index]!.imageId);
  const leased = new Set<string>();
  for (let next = 0; leased.size < options.count && next < wanted.length; ) {
    const batch = wanted.slice(next, next + options.count - leased.size);
    next += batch.length;
    for (const imageId of await leaseImages(ctx, { ...options, imageIds: batch, leasedUntil }))
      leased.add(imageId);
  }
  options.onRowsSeen?.({
    images: imageRows.filter((row) => leased.has(row.id)),
    categories: categoryRows,
  });
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

type VersionRow = { id: string; categoryIds: string[] };
type PredictionRow = typeof predictions.$inferSelect;

/** How a strategy's candidates are read: the order of its score, and how many rows the strategy looks at. */
const POOLS: Record<string, { order: SQL[]; poolFactor: number; where?: SQL; labelled?: boolean }> = {
  LEAST_CONFIDENT: { order: [asc(predictions.top1Probability)], poolFactor: 1 },
  MARGIN: { order: [asc(predictions.margin)], poolFactor: 1 },
  ENTROPY: { order: [desc(predictions.entropy)], poolFactor: 1 },
  DIVERSE_MARGIN: { order: [asc(predictions.margin)], poolFactor: DIVERSE_POOL_FACTOR },
  LIKELY_LABEL_ERROR: {
    order: [desc(predictions.labelDisagreement)],
    poolFactor: 10,
    where: and(
      isNotNull(predictions.labelDisagreement),
      gte(predictions.top1Probability, LABEL_ERROR_MIN_CONFIDENCE),
    ),
    labelled: true,
  },
};

/**
 * The rows a strategy ranks. The built-in strategies read only the few rows they can pick, in index order of
 * their score, with labelled (or, for label errors, unlabelled) images and other annotators' leases filtered
 * out in SQL, so a queue request costs the same on a hundred images and on a hundred thousand.
 */
async function readCandidates(
  ctx: AppContext,
  options: { datasetId: string; strategy: string; userId: string; count: number; version: VersionRow },
): Promise<{
  rows: PredictionRow[];
  imageRows: ImageRow[];
  scores: { scores: ImageScore[]; exclude: number[] };
}> {
  const { db } = ctx.database;
  const { version } = options;
  const batchSize = options.count * 2;
  const currentCategory = sql`(select c.category_id from current_labels c where c.image_id = ${predictions.imageId})`;
  // Other annotators' valid leases as one hashed set that each candidate is looked up in. Written as a
  // correlated `exists`, PostgreSQL joined the leases to every candidate it walked past (a nested loop over
  // all leases per candidate): with 50 annotators each holding a page, 16 ms of the request instead of 1.
  const leasedByOthers = sql`${predictions.imageId} in (select q.image_id from queue_leases q where q.dataset_id = ${options.datasetId} and q.user_id <> ${options.userId} and q.leased_until > now())`;
  const pool = POOLS[options.strategy];
  let rows: PredictionRow[];
  // The built-in strategies read their candidates' image rows in the same statement.
  let imageRows: ImageRow[] = [];
  if (pool) {
    const joined = await db
      .select({ prediction: predictions, image: images })
      .from(predictions)
      .innerJoin(images, eq(images.id, predictions.imageId))
      .where(
        and(
          eq(predictions.modelVersionId, version.id),
          pool.where,
          pool.labelled ? sql`${currentCategory} is not null` : sql`${currentCategory} is null`,
          isNull(images.excludedAt),
          not(leasedByOthers),
        ),
      )
      .orderBy(...pool.order, asc(predictions.imageId))
      .limit(batchSize * pool.poolFactor);
    rows = joined.map((row) => row.prediction);
    imageRows = joined.map((row) => row.image);
  } else if (options.strategy === 'RANDOM') {
    const joined = await randomPool(ctx, {
      versionId: version.id,
      size: batchSize * 5,
      where: and(sql`${currentCategory} is null`, isNull(images.excludedAt), not(leasedByOthers))!,
    });
    rows = joined.map((row) => row.prediction);
    imageRows = joined.map((row) => row.image);
  } else {
    // A strategy registered by a plugin sees every row; other annotators' leases are excluded by index.
    rows = await db.select().from(predictions).where(eq(predictions.modelVersionId, version.id));
  }
  // Candidates read for unlabelled images are unlabelled: their current labels need no lookup.
  const isUnlabelledPool = options.strategy === 'RANDOM' || (pool !== undefined && !pool.labelled);
  const current = isUnlabelledPool
    ? new Map<string, { categoryId: string | null }>()
    : await findCurrentLabels(
        db,
        rows.map((row) => row.imageId),
      );
  const classOf = new Map(version.categoryIds.map((id, index) => [id, index]));
  const scores = rows.map((row, index) =>
    toScore(row, index, classOf, current.get(row.imageId)?.categoryId ?? null),
  );
  let exclude: number[] = [];
  if (!pool && options.strategy !== 'RANDOM') {
    const blocked = new Set(
      (
        await db
          .select({ imageId: queueLeases.imageId })
          .from(queueLeases)
          .where(
            and(
              eq(queueLeases.datasetId, options.datasetId),
              ne(queueLeases.userId, options.userId),
              gt(queueLeases.leasedUntil, new Date()),
            ),
          )
      ).map((row) => row.imageId),
    );
    const excluded = await db
      .select({ imageId: images.id })
      .from(images)
      .where(and(eq(images.datasetId, options.datasetId), isNotNull(images.excludedAt)));
    for (const row of excluded) blocked.add(row.imageId);
    exclude = rows.flatMap((row, index) => (blocked.has(row.imageId) ? [index] : []));
  }
  return { rows, imageRows, scores: { scores, exclude } };
}

/** A uniform sample: the rows that follow a random image id in key order (ids are random), wrapping round. */
async function randomPool(
  ctx: AppContext,
  options: { versionId: string; size: number; where: SQL },
): Promise<{ prediction: PredictionRow; image: ImageRow }[]> {
  const { db } = ctx.database;
  const start = randomUUID();
  const read = (from: SQL) =>
    db
      .select({ prediction: predictions, image: images })
      .from(predictions)
      .innerJoin(images, eq(images.id, predictions.imageId))
      .where(and(eq(predictions.modelVersionId, options.versionId), from, options.where))
      .orderBy(asc(predictions.imageId))
      .limit(options.size);
  const after = await read(gte(predictions.imageId, start));
  if (after.length >= options.size) return after;
  const before = await read(lt(predictions.imageId, start));
  return [...after, ...before.slice(0, options.size - after.length)];
}

/** Leases images atomically: a lease held by someone else and still valid is never taken over. */
async function leaseImages(
  ctx: AppContext,
  options: { datasetId: string; strategy: string; userId: string; imageIds: string[]; leasedUntil: Date },
): Promise<Set<string>> {
  if (options.imageIds.length === 0) return new Set();
  const { db } = ctx.database;
  const leases = db.$with('leases').as(
    db
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
      .returning({ imageId: queueLeases.imageId }),
  );
  // The same statement tells subscribers (at most 100 ids, one notification): one round trip, not two.
  const leasedIds = sql`json_agg(${leases.imageId})`;
  const notice = notifyImagesSql(
    { type: 'queueChanged', datasetId: options.datasetId, reason: 'LEASED' },
    leasedIds,
  );
  const [row] = await db
    .with(leases)
    .select({
      imageIds: sql<string[]>`coalesce(${leasedIds}, '[]'::json)`,
      notified: notice,
    })
    .from(leases);
  return new Set(row?.imageIds ?? []);
}

/** Gives a leased image back to the queue. */
export async function releaseQueueItem(
  ctx: AppContext,
  options: { imageId: string; userId: string },
): Promise<boolean> {
  const rows = await ctx.database.db
    .delete(queueLeases)
    .where(and(eq(queueLeases.imageId, options.imageId), eq(queueLeases.userId, options.userId)))
    .returning({ imageId: queueLeases.imageId, datasetId: queueLeases.datasetId });
  const [released] = rows;
  if (released)
    await publishChange(ctx, {
      type: 'queueChanged',
      datasetId: released.datasetId,
      reason: 'RELEASED',
      imageIds: [released.imageId],
    });
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

/**
 * The dataset's newest model version (only what ranking needs: a version row also holds its whole training set)
 * with the categories it predicts as whole rows, so that the caller's loaders need not read them again: one
 * statement. Undefined when the dataset has no version.
 */
async function newestVersion(
  ctx: AppContext,
  datasetId: string,
): Promise<{ version: VersionRow; categoryRows: CategoryRow[] } | undefined> {
  const newer = alias(modelVersions, 'newer');
  const rows = await ctx.database.db
    .select({ id: modelVersions.id, categoryIds: modelVersions.categoryIds, category: categories })
    .from(modelVersions)
    .leftJoin(
      categories,
      sql`${categories.id} = any(array(select jsonb_array_elements_text(${modelVersions.categoryIds})::uuid))`,
    )
    .where(
      eq(
        modelVersions.id,
        ctx.database.db
          .select({ id: newer.id })
          .from(newer)
          .where(eq(newer.datasetId, datasetId))
          .orderBy(desc(newer.version))
          .limit(1),
      ),
    );
  const [first] = rows;
  if (!first) return undefined;
  return {
    version: { id: first.id, categoryIds: first.categoryIds },
    categoryRows: rows.flatMap((row) => (row.category ? [row.category] : [])),
  };
}
