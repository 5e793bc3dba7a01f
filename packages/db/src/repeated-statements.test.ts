import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { executeRows } from './client';
import { prepareRepeatedStatements } from './repeated-statements';
import { datasets } from './schema';
import { openFreshPostgres, type TestDatabase } from './testing';

const serverUrl = process.env.LOUPE_TEST_POSTGRES_URL;

/** The statements the session that runs this holds prepared (one pooled connection: always the same one). */
const PREPARED = 'select statement from pg_prepared_statements order by prepare_time';

describe.runIf(serverUrl)('statements run again are prepared (PostgreSQL)', () => {
  let handle: TestDatabase | undefined;
  let client: postgres.Sql | undefined;
  afterEach(async () => {
    await handle?.close();
    await client?.end({ timeout: 5 });
    handle = undefined;
    client = undefined;
  });

  async function preparedTexts(db: TestDatabase['db']): Promise<string[]> {
    const rows = await executeRows<{ statement: string }>(db, sql.raw(PREPARED));
    return rows.map((row) => row.statement);
  }

  it('keeps a statement prepared from its second run on, and plans each run for its own values', async () => {
    handle = await openFreshPostgres(serverUrl!, { maxConnections: 1 });
    const { db } = handle;
    const [dataset] = await db.insert(datasets).values({ name: 'abdomen' }).returning();
    const byName = (name: string) => db.select().from(datasets).where(eq(datasets.name, name));

    expect(await byName('abdomen')).toHaveLength(1);
    expect((await preparedTexts(db)).some((text) => text.includes('from "datasets"'))).toBe(false);
    expect(await byName('abdomen')).toEqual([dataset]);
    expect(await byName('nothing')).toEqual([]);
    const prepared = (await preparedTexts(db)).filter((text) => text.includes('from "datasets"'));
    expect(prepared).toHaveLength(1);
    expect(prepared[0]).toContain('where "datasets"."name" = $1');
    const [setting] = await executeRows<{ plan_cache_mode: string }>(db, sql`show plan_cache_mode`);
    expect(setting?.plan_cache_mode).toBe('force_custom_plan');
  });

  it('prepares inside transactions and savepoints too, and a failed one rolls back as before', async () => {
    handle = await openFreshPostgres(serverUrl!, { maxConnections: 1 });
    const { db } = handle;
    const count = async () => (await db.select().from(datasets)).length;
    await db.transaction(async (tx) => {
      for (const name of ['a', 'b']) await tx.insert(datasets).values({ name });
      await tx.transaction(async (inner) => {
        for (const name of ['c', 'd']) await inner.insert(datasets).values({ name });
      });
    });
    expect(await count()).toBe(4);
    await expect(
      db.transaction(async (tx) => {
        for (const name of ['e', 'f']) await tx.insert(datasets).values({ name });
        await tx.insert(datasets).values({ name: 'a' }); // the name is taken
      }),
    ).rejects.toThrow();
    expect(await count()).toBe(4);
    expect(
      (await preparedTexts(db)).filter((text) => text.startsWith('insert into "datasets"')),
    ).toHaveLength(1);
  });

  it('prepares no more texts than its budget, and none with more parameters than allowed', async () => {
    handle = await openFreshPostgres(serverUrl!, { migrate: false });
    client = postgres(handle.databaseUrl!, { max: 1, onnotice: () => {} });
    const repeated = prepareRepeatedStatements(client, { maxStatements: 2, maxParameters: 2 });
    const texts = [1, 2, 3, 4].map((n) => `select $1::int + ${n} as value`);
    for (let round = 0; round < 3; round++) {
      for (const [index, text] of texts.entries()) {
        const [row] = await client.unsafe(text, [10 * round]);
        expect(row?.value).toBe(10 * round + index + 1);
      }
      const [wide] = await client.unsafe('select $1::int + $2::int + $3::int as value', [1, 2, round]);
      expect(wide?.value).toBe(3 + round);
    }
    // postgres.js prepares its own type lookup when it connects: only the statements sent here count.
    const prepared = (await client.unsafe(PREPARED))
      .map((row) => row.statement as string)
      .filter((text) => text.startsWith('select $1'));
    expect(prepared).toEqual(texts.slice(0, 2));
    expect(repeated.preparedCount()).toBe(2);
  });

  it('prepares nothing when the connection string says prepare=false (a pooler in transaction mode)', async () => {
    handle = await openFreshPostgres(serverUrl!, { migrate: false });
    const url = new URL(handle.databaseUrl!);
    url.searchParams.set('prepare', 'false');
    client = postgres(url.toString(), { max: 1, onnotice: () => {} });
    prepareRepeatedStatements(client);
    for (let round = 0; round < 3; round++) {
      const [row] = await client.unsafe('select $1::int * 2 as value', [round]);
      expect(row?.value).toBe(round * 2);
    }
    expect(await client.unsafe(PREPARED)).toEqual([]);
  });
});
