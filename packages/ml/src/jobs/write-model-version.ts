import { type Database, modelVersions, predictions } from '@loupe/db';
import { eq, sql } from 'drizzle-orm';

export type PredictionRow = Omit<typeof predictions.$inferInsert, 'modelVersionId'>;

export type NewModelVersion = Omit<typeof modelVersions.$inferInsert, 'id' | 'version' | 'createdAt'>;

/** Rows per INSERT: about 15 parameters each, well under PostgreSQL's 65,535. */
const CHUNK = 2_000;

/**
 * Writes a model version and all its predictions in one transaction: a failed or killed run leaves nothing.
 * Version numbers count up per dataset.
 */
export async function writeModelVersion(
  db: Database,
  version: NewModelVersion,
  rows: readonly PredictionRow[],
): Promise<{ id: string; version: number }> {
  return db.transaction(async (tx) => {
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
    for (let start = 0; start < rows.length; start += CHUNK) {
      await tx
        .insert(predictions)
        .values(rows.slice(start, start + CHUNK).map((row) => ({ ...row, modelVersionId: created!.id })));
    }
    return created!;
  });
}
