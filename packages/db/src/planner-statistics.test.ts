import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { executeRows } from './client';
import { refreshPlannerStatistics } from './queries/planner-statistics';
import { seedImages, type TestDatabase, testDatabaseTargets } from './testing';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe.each(testDatabaseTargets())('refreshPlannerStatistics ($name)', (target) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('analyses the tables that changed a lot since their last analysis, and only those', async () => {
    database = await target.open();
    const { db } = database;
    const imageRows = async () =>
      (
        await executeRows<{ tuples: number }>(
          db,
          sql`select reltuples::int as tuples from pg_class where relname = 'images'`,
        )
      )[0]!.tuples;
    expect(await imageRows()).toBeLessThanOrEqual(0); // never analysed
    await seedImages(db, 300);
    // A server counts changes a moment after their transaction ends.
    let analysed: string[] = [];
    for (let attempt = 0; attempt < 40 && !analysed.includes('images'); attempt++) {
      analysed = await refreshPlannerStatistics(db);
      if (!analysed.includes('images')) await sleep(250);
    }
    expect(analysed).toContain('images');
    expect(analysed).not.toContain('studies'); // one study: under the threshold
    expect(await imageRows()).toBe(300);
    expect(await refreshPlannerStatistics(db)).toEqual([]);
    expect(await refreshPlannerStatistics(db, ['no_such_table'])).toEqual([]);
  });
});
