import { datasets, jobs } from '@loupe/db';
import { type TestDatabase, testDatabaseTargets } from '@loupe/db/testing';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { hasRetrainAskedSince, markJobRunning, recordQueuedJob } from './job-records';

describe.each(testDatabaseTargets())('job records on $name', (target) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('tells whether a training run of the same dataset was asked for after a job, and has not failed', async () => {
    database = await target.open();
    const { db } = database;
    const [mine, other] = await db
      .insert(datasets)
      .values([{ name: 'a' }, { name: 'b' }])
      .returning();
    const ask = async (queueJobId: string, kind: string, datasetId: string) => {
      await recordQueuedJob(db, { queueJobId, kind, datasetId });
      return markJobRunning(db, { queueJobId, kind, datasetId });
    };
    const earlier = await ask('r0', 'retrain', mine!.id);
    const embed = await ask('e1', 'embed', mine!.id);
    // A run asked for before the job, and another dataset's run: neither counts.
    expect(earlier).not.toBe(embed);
    await ask('r-other', 'retrain', other!.id);
    expect(await hasRetrainAskedSince(db, embed)).toBe(false);
    const later = await ask('r2', 'retrain', mine!.id);
    expect(await hasRetrainAskedSince(db, embed)).toBe(true);
    await db.update(jobs).set({ state: 'FAILED' }).where(eq(jobs.id, later));
    expect(await hasRetrainAskedSince(db, embed)).toBe(false);
  });
});
