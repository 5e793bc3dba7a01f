import {
  type Database,
  executeRows,
  isEmbeddedDatabase,
  modelVersions,
  predictions,
  publishEvent,
} from '@loupe/db';
import { eq, sql } from 'drizzle-orm';
import { FAILPOINTS, failpoint } from '../failpoints';

export type PredictionRow = Omit<typeof predictions.$inferInsert, 'modelVersionId'>;

export type NewModelVersion = Omit<typeof modelVersions.$inferInsert, 'id' | 'version' | 'createdAt'>;

/** Rows per statement; each statement sends its rows as one JSON parameter that the database unpacks. */
const CHUNK = 5_000;

/**
 * Writes a model version and all its predictions in one transaction: a failed or killed run leaves nothing.
 * Version numbers count up per dataset.
 */
export async function writeModelVersion(
  db: Database,
  version: NewModelVersion,
  rows: readonly PredictionRow[],
): Promise<{ id: string; version: number }> {
  const created = await db.transaction(async (tx) => {
    // Serialise version numbering per dataset.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`model-version:${version.datasetId}`}))`);
    const [{ next } = { next: 1 }] = await tx
      .select({ next: sql<number>`coalesce(max(${modelVersions.version}), 0)::int + 1` })
      .from(modelVersions)
      .where(eq(modelVersions.datasetId, version.datasetId));
    const [created] = await tx
      .insert(modelVersions)
      .values({ ...version, version: next })
      .returning({ id: modelVersions.id, version: modelVersions.version });
    // In the embedded database the foreign keys of the prediction rows are checked once for the whole set
    // instead of by a trigger per row (a third of the write at 100,000 images). Its only client is this
    // process, and the rows of a failed check roll back with the version.
    const isCheckedInBulk = isEmbeddedDatabase(db);
    if (isCheckedInBulk) await tx.execute(sql`set local session_replication_role = replica`);
    for (let start = 0; start < rows.length; start += CHUNK) {
      await insertPredictions(tx, created!.id, rows.slice(start, start + CHUNK));
    }
    if (isCheckedInBulk) {
      await tx.execute(sql`set local session_replication_role = origin`);
      await checkPredictionReferences(tx, created!.id);
    }
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

/** The foreign keys of a version's prediction rows, checked in one statement: images and categories exist. */
async function checkPredictionReferences(tx: Pick<Database, 'execute'>, modelVersionId: string) {
  const [row] = await executeRows<{ missing: number }>(
    tx,
    sql`
    select count(*)::int as missing from predictions p
    where p.model_version_id = ${modelVersionId} and (
      not exists (select 1 from images i where i.id = p.image_id)
      or (p.top1_category_id is not null and not exists (select 1 from categories c where c.id = p.top1_category_id))
      or (p.top2_category_id is not null and not exists (select 1 from categories c where c.id = p.top2_category_id)))`,
  );
  const missing = Number(row?.missing ?? 0);
  if (missing > 0) {
    throw new Error(
      `${missing} prediction row(s) point to an image or category that no longer exists; the run is not written`,
    );
  }
}

/**
 * One statement per few thousand rows: binding 12 parameters per row costs more than the insert itself
 * (most of all in the embedded database), so the rows travel as one JSON document.
 */
async function insertPredictions(
  tx: Pick<Database, 'execute'>,
  modelVersionId: string,
  rows: readonly PredictionRow[],
) {
  const payload = JSON.stringify(
    rows.map((row) => ({
      image_id: row.imageId,
      probabilities: row.probabilities,
      top1: row.top1CategoryId ?? null,
      p1: row.top1Probability,
      top2: row.top2CategoryId ?? null,
      p2: row.top2Probability,
      margin: row.margin,
      entropy: row.entropy,
      labelled_distance: row.labelledDistance ?? null,
      label_disagreement: row.labelDisagreement ?? null,
      sketch: row.sketch ? Buffer.from(row.sketch).toString('base64') : null,
    })),
  );
  await tx.execute(sql`
    insert into predictions (model_version_id, image_id, probabilities, top1_category_id, top1_probability,
      top2_category_id, top2_probability, margin, entropy, labelled_distance, label_disagreement, sketch)
    select ${modelVersionId}::uuid, r.image_id, r.probabilities, r.top1, r.p1, r.top2, r.p2, r.margin, r.entropy,
      r.labelled_distance, r.label_disagreement, decode(r.sketch, 'base64')
    from jsonb_to_recordset(${payload}::jsonb) as r(image_id uuid, probabilities jsonb, top1 uuid, p1 real,
      top2 uuid, p2 real, margin real, entropy real, labelled_distance real, label_disagreement real, sketch text)`);
}
