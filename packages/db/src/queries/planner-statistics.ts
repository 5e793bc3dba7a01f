import { sql } from 'drizzle-orm';
import { type Database, executeRows } from '../client';

/** The tables behind the queries that read a whole dataset at once: a training run's, the review queue's. */
export const DATASET_READ_TABLES = ['images', 'studies', 'crop_boxes', 'labels', 'current_labels'] as const;

/**
 * Gathers the query planner's statistics for those of `tables` that changed by more than PostgreSQL's
 * autovacuum would let pass (50 rows and a tenth of the table) since they were last analysed. Without them the
 * planner takes a table it never analysed for a few rows: reading a dataset of 100,000 freshly imported images
 * ran as nested loops in 1.1 s instead of hash joins in 0.3 s. A server's autovacuum catches up within a minute
 * or so; the embedded database has no autovacuum at all. Statistics only make queries faster, so a failure
 * here (a database user that may not analyse, say) is ignored. Returns the tables analysed.
 */
export async function refreshPlannerStatistics(
  db: Pick<Database, 'execute'>,
  tables: readonly string[] = DATASET_READ_TABLES,
): Promise<string[]> {
  try {
    const stale = await executeRows<{ name: string }>(
      db,
      sql`select s.relname as name from pg_stat_user_tables s join pg_class c on c.oid = s.relid
        where s.schemaname = current_schema()
          and s.relname in (${sql.join(
            tables.map((table) => sql`${table}`),
            sql`, `,
          )})
          and s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
        order by s.relname`,
    );
    const names = stale.map((row) => row.name);
    // A table another run is analysing right now is skipped, not waited for. One statement a table: the
    // embedded database runs each on the thread that serves requests (after an import of 100,000 images, the
    // five tables took about 0.2 s together, the largest 85 ms), and requests get in between.
    for (const name of names) await db.execute(sql.raw(`analyze (skip_locked) "${name}"`));
    return names;
  } catch {
    return [];
  }
}
