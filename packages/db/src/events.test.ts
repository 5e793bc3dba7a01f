import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './client';
import {
  type ChangeEvent,
  EVENT_CHANNEL,
  IMAGE_IDS_PER_EVENT,
  notifyImagesSql,
  parseEvent,
  publishEvent,
} from './events';
import { type TestDatabase, testDatabaseTargets } from './testing';

/** Resolves once `count` payloads arrived on the channel. */
function collect(handle: TestDatabase, count: number) {
  const payloads: string[] = [];
  let done: () => void = () => {};
  const arrived = new Promise<void>((resolve) => {
    done = resolve;
  });
  const listening = handle.listen(EVENT_CHANNEL, (payload) => {
    payloads.push(payload);
    if (payloads.length >= count) done();
  });
  return { payloads, arrived, listening };
}

describe.each(testDatabaseTargets())('change events on $name', (target) => {
  let handle: TestDatabase | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });

  it('delivers a published event to a listener, long image lists split into notifications that fit', async () => {
    handle = await target.open();
    const imageIds = Array.from({ length: IMAGE_IDS_PER_EVENT * 2 + 5 }, () => randomUUID());
    const datasetId = randomUUID();
    const { payloads, arrived, listening } = collect(handle, 4);
    const listener = await listening;
    await publishEvent(handle.db, { type: 'labelChanged', datasetId, imageIds });
    await publishEvent(handle.db, { type: 'modelVersionCreated', datasetId, modelVersionId: randomUUID() });
    await arrived;
    await listener.close();
    const events = payloads.map(parseEvent);
    expect(events.map((event) => event?.type)).toEqual([
      'labelChanged',
      'labelChanged',
      'labelChanged',
      'modelVersionCreated',
    ]);
    const labelled = events.slice(0, 3) as Extract<ChangeEvent, { type: 'labelChanged' }>[];
    expect(labelled.flatMap((event) => event.imageIds)).toEqual(imageIds);
    expect(Math.max(...payloads.map((payload) => Buffer.byteLength(payload)))).toBeLessThan(8000);
  });

  it('announces images from within the statement that changes them, and not when it changes none', async () => {
    handle = await target.open();
    const datasetId = randomUUID();
    const [first, second] = [randomUUID(), randomUUID()];
    const { payloads, arrived, listening } = collect(handle, 2);
    const listener = await listening;
    const notice = notifyImagesSql({ type: 'queueChanged', datasetId, reason: 'LEASED' }, sql`json_agg(id)`);
    const announce = (where: string) =>
      handle!.db.execute(
        sql`select ${notice} from (values (${first}::uuid), (${second}::uuid)) as changed(id) where ${where} = 'all'`,
      );
    await announce('none');
    await announce('all');
    await publishEvent(handle.db, { type: 'jobChanged', datasetId, jobId: randomUUID() });
    await arrived;
    await listener.close();
    const [announced, next] = payloads.map(parseEvent);
    expect(announced).toEqual({
      type: 'queueChanged',
      datasetId,
      reason: 'LEASED',
      imageIds: expect.any(Array),
    });
    expect(announced && 'imageIds' in announced && [...announced.imageIds].sort()).toEqual(
      [first, second].sort(),
    );
    // Nothing was announced for the statement that changed no image: the next payload is the job's.
    expect(next?.type).toBe('jobChanged');
  });

  it('reads only well-formed events from a payload', () => {
    expect(parseEvent('not json')).toBeUndefined();
    expect(
      parseEvent(JSON.stringify({ type: 'labelChanged', datasetId: 'x', imageIds: [] })),
    ).toBeUndefined();
    expect(parseEvent(JSON.stringify({ type: 'somethingElse', datasetId: randomUUID() }))).toBeUndefined();
    const event = { type: 'jobChanged', datasetId: randomUUID(), jobId: randomUUID() };
    expect(parseEvent(JSON.stringify(event))).toEqual(event);
  });
});

const postgresTargets = testDatabaseTargets().filter((target) => target.name === 'postgres');

describe.each(postgresTargets)('change events across connections on $name', (target) => {
  it('reaches a listener from another connection, and again after the listening connection dropped', async () => {
    const handle = await target.open();
    const other = await openDatabase({ databaseUrl: handle.databaseUrl, migrate: false, maxConnections: 1 });
    const received: string[] = [];
    const drops: Error[] = [];
    const listener = await handle.listen(
      EVENT_CHANNEL,
      (payload) => received.push(payload),
      (error) => drops.push(error),
    );
    try {
      const datasetId = randomUUID();
      await publishEvent(other.db, { type: 'jobChanged', datasetId, jobId: randomUUID() });
      await waitFor(() => received.length === 1);

      const listening = async () =>
        (
          await other.executeSql(
            `select pid from pg_stat_activity where application_name = 'loupe-listen' and datname = current_database()`,
          )
        ).rows.map((row) => Number(row.pid));
      const [before] = await listening();
      await other.executeSql('select pg_terminate_backend($1)', [before]);
      await waitFor(async () => {
        const pids = await listening();
        return pids.length === 1 && pids[0] !== before;
      });
      await publishEvent(other.db, { type: 'jobChanged', datasetId, jobId: randomUUID() });
      await waitFor(() => received.length === 2);
      expect(received.map((payload) => parseEvent(payload)?.type)).toEqual(['jobChanged', 'jobChanged']);
      expect(drops.length).toBeGreaterThanOrEqual(1);
    } finally {
      await listener.close();
      await other.close();
      await handle.close();
    }
  });
});

async function waitFor(isDone: () => boolean | Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (await isDone()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the condition did not come true');
}
