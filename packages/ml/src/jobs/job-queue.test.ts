import { datasets } from '@loupe/db';
import { type TestDatabase, testDatabaseTargets } from '@loupe/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type JobQueue, QUEUES, startJobQueue } from './job-queue';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testDatabaseTargets())('job queue on $name', (target) => {
  let database: TestDatabase | undefined;
  let queue: JobQueue | undefined;
  afterEach(async () => {
    await queue?.stop();
    await database?.close();
    queue = undefined;
    database = undefined;
  });

  it('coalesces a storm of retrain requests into a few runs, one at a time per dataset', async () => {
    database = await target.open();
    const [dataset] = await database.db.insert(datasets).values({ name: 'storm' }).returning();
    queue = await startJobQueue(database, { schedule: false });
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const workerId = await queue.boss.work(QUEUES.retrain, { pollingIntervalSeconds: 0.5 }, async () => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      runs += 1;
      await sleep(300);
      running -= 1;
    });
    const accepted = [];
    for (let i = 0; i < 200; i += 1) {
      accepted.push(await queue.enqueue(QUEUES.retrain, { datasetId: dataset!.id, reason: `label ${i}` }));
      if (i % 20 === 0) queue.boss.notifyWorker(workerId);
    }
    for (let i = 0; i < 60 && (running > 0 || (await queue.boss.getQueueSize(QUEUES.retrain)) > 0); i += 1)
      await sleep(250);
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(runs).toBeLessThanOrEqual(10);
    expect(maxRunning).toBe(1);
    expect(accepted.filter(Boolean).length).toBeLessThan(200);
  });

  it('runs datasets independently', async () => {
    database = await target.open();
    const rows = await database.db
      .insert(datasets)
      .values([{ name: 'a' }, { name: 'b' }])
      .returning();
    queue = await startJobQueue(database, { schedule: false });
    const seen = new Set<string>();
    await queue.boss.work<{ datasetId: string }>(
      QUEUES.retrain,
      { pollingIntervalSeconds: 0.5 },
      async ([job]) => {
        if (job) seen.add(job.data.datasetId);
      },
    );
    for (const row of rows) await queue.enqueue(QUEUES.retrain, { datasetId: row.id, reason: 'test' });
    for (let i = 0; i < 40 && seen.size < 2; i += 1) await sleep(250);
    expect([...seen].sort()).toEqual(rows.map((row) => row.id).sort());
  });
});
