import { categories, type Database } from '@loupe/db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { badInput } from '../errors';

export type Category = typeof categories.$inferSelect;

/**
 * The live category of a dataset with this name (ignoring case), created if new. A name that was merged
 * away resolves to the category it was merged into.
 */
export async function findOrCreateCategory(
  db: Pick<Database, 'select' | 'insert'>,
  options: { datasetId: string; name: string },
): Promise<Category> {
  const name = options.name.trim();
  if (!name || name.length > 200) throw badInput('A category name must have 1 to 200 characters.');
  const byName = and(
    eq(categories.datasetId, options.datasetId),
    sql`lower(${categories.name}) = lower(${name})`,
  );
  const [live] = await db
    .select()
    .from(categories)
    .where(and(byName, isNull(categories.mergedIntoId)));
  if (live) return live;
  const [merged] = await db.select().from(categories).where(byName);
  if (merged?.mergedIntoId) {
    const [target] = await db.select().from(categories).where(eq(categories.id, merged.mergedIntoId));
    if (target) return target;
  }
  const [{ position } = { position: 0 }] = await db
    .select({ position: sql<number>`coalesce(max(${categories.position}) + 1, 0)::int` })
    .from(categories)
    .where(eq(categories.datasetId, options.datasetId));
  await db.insert(categories).values({ datasetId: options.datasetId, name, position }).onConflictDoNothing();
  const [created] = await db
    .select()
    .from(categories)
    .where(and(byName, isNull(categories.mergedIntoId)));
  if (!created) throw new Error(`Category ${name} vanished after creation`);
  return created;
}
