import { randomUUID } from 'node:crypto';
import {
  attachPredictionTable,
  copyRows,
  createPredictionTable,
  type Database,
  indexPredictionTable,
  modelVersions,
  type predictions,
  predictionTableName,
  publishEvent,
} from '@loupe/db';
import { eq, sql } from 'drizzle-orm';
import { FAILPOINTS, failpoint } from '../failpoints';

export type PredictionRow = Omit<typeof predictions.$inferInsert, 'modelVersionId'>;

export type NewModelVersion = Omit<typeof modelVersions.$inferInsert, 'id' | 'version' | 'createdAt'>;

/** Rows per COPY. */
const CHUNK = 20_000;

/**
 * Writes a model version and all its predictions in one transaction: a failed or killed run leaves nothing.
 * Version numbers count up per dataset.
 *
 * The predictions go into a table of the version's own (a partition of `predictions`): loaded without
 * indexes, indexed in one pass, then attached, which checks their foreign keys in bulk. Only the numbering,
 * the version row and the attach run one writer at a time, across datasets: two attaches that each waited
 * for the other's version row would deadlock.
 */
export async function writeModelVersion(
  db: Database,
  version: NewModelVersion,
  rows: readonly PredictionRow[],
): Promise<{ id: string; version: number }> {
  const id = randomUUID();
  const created = await db.transaction(async (tx) => {
    await createPredictionTable(tx, id);
    for (let start = 0; start < rows.length; start += CHUNK) {
      await insertPredictions(tx, id, rows.slice(start, start + CHUNK));
    }
    await indexPredictionTable(tx, id);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('loupe:model-version-write'))`);
    const [{ next } = { next: 1 }] = await tx
      .select({ next: sql<number>`coalesce(max(${modelVersions.version}), 0)::int + 1` })
      .from(modelVersions)
      .where(eq(modelVersions.datasetId, version.datasetId));
    const [created] = await tx
      .insert(modelVersions)
      .values({ ...version, id, version: next })
      .returning({ id: modelVersions.id, version: modelVersions.version });
    await attachPredictionTable(tx, id);
    await failpoint(FAILPOINTS.writingVersion);
    return created!;
  });
  await publishEvent(db, {
    type: 'modelVersionCreated',
    datasetId: version.datasetId,
    modelVersionId: created.id,
  });
  return created;
}

const COLUMNS = [
  'model_version_id',
  'image_id',
  'probabilities',
  'top1_category_id',
  'top1_probability',
  'top2_category_id',
  'top2_probability',
  'margin',
  'entropy',
  'labelled_distance',
  'label_disagreement',
  'sketch',
] as const;

/**
 * A number in COPY's text format, with the nine significant digits that bring back every float32 (the scores
 * and probabilities are float32: the columns are `real`, and shorter text is quicker to parse); null, NaN
 * and the infinities are written as null (and so refused).
 */
const numberText = (value: number | null | undefined) =>
  value === null || value === undefined || !Number.isFinite(value) ? '\\N' : value.toPrecision(9);

const textOrNull = (value: string | null | undefined) => value ?? '\\N';

/** Loads a chunk of rows into the version's table, as COPY text (ids and numbers never need escaping). */
async function insertPredictions(tx: object, modelVersionId: string, rows: readonly PredictionRow[]) {
  let text = '';
  for (const row of rows) {
    const probabilities = row.probabilities.every(Number.isFinite)
      ? `[${row.probabilities.map((p) => p.toPrecision(9)).join(',')}]`
      : '\\N';
    text += `${[
      modelVersionId,
      row.imageId,
      probabilities,
      textOrNull(row.top1CategoryId),
      numberText(row.top1Probability),
      textOrNull(row.top2CategoryId),
      numberText(row.top2Probability),
      numberText(row.margin),
      numberText(row.entropy),
      numberText(row.labelledDistance),
      numberText(row.labelDisagreement),
      row.sketch ? `\\\\x${Buffer.from(row.sketch).toString('hex')}` : '\\N',
    ].join('\t')}\n`;
  }
  await copyRows(tx, { table: predictionTableName(modelVersionId), columns: COLUMNS }, text);
}
