import { randomUUID } from 'node:crypto';
import { type ChangeEvent, publishEvent } from '@loupe/db';
import { type TestDatabase, testDatabaseTargets } from '@loupe/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { type EventBus, SUBSCRIBER_BACKLOG, startEventBus } from './event-bus';

describe.each(testDatabaseTargets())('the event bus on $name', (target) => {
  let database: TestDatabase | undefined;
  let bus: EventBus | undefined;
  afterEach(async () => {
    await bus?.close();
    await database?.close();
    bus = undefined;
    database = undefined;
  });
  const start = async () => {
    database = await target.open();
    bus = await startEventBus(database, createLogger('silent'));
    return { db: database.db, bus };
  };
  const asIs = async (event: ChangeEvent) => event;

  it("hands each subscriber its dataset's events of its types, in order, identical waiting ones once", async () => {
    const { db, bus } = await start();
    const [mine, other] = [randomUUID(), randomUUID()];
    const labels = bus.subscribe({ datasetId: mine, types: ['labelChanged'], load: asIs });
    // Notifications arrive in commit order: once the marker is here, everything published before it is too.
    const markers = bus.subscribe({ datasetId: mine, types: ['modelVersionCreated'], load: asIs });
    const marker = () =>
      publishEvent(db, { type: 'modelVersionCreated', datasetId: mine, modelVersionId: randomUUID() });
    const [image, later] = [randomUUID(), randomUUID()];
    await publishEvent(db, { type: 'labelChanged', datasetId: other, imageIds: [randomUUID()] });
    await publishEvent(db, { type: 'jobChanged', datasetId: mine, jobId: randomUUID() });
    await publishEvent(db, { type: 'labelChanged', datasetId: mine, imageIds: [image] });
    await publishEvent(db, { type: 'labelChanged', datasetId: mine, imageIds: [image] });
    await publishEvent(db, { type: 'labelChanged', datasetId: mine, imageIds: [later] });
    await marker();
    await markers.next();
    expect((await labels.next()).value).toEqual({ type: 'labelChanged', datasetId: mine, imageIds: [image] });
    expect((await labels.next()).value).toEqual({ type: 'labelChanged', datasetId: mine, imageIds: [later] });
    let isSettled = false;
    const third = labels.next().then((result) => {
      isSettled = true;
      return result;
    });
    await marker();
    await markers.next();
    expect(isSettled).toBe(false);
    expect(bus.subscriberCount()).toBe(2);
    await labels.return();
    expect(await third).toEqual({ done: true, value: undefined });
    await markers.return();
    expect(bus.subscriberCount()).toBe(0);
  });

  it('skips events whose object is gone, and ends a waiting subscriber at once', async () => {
    const { db, bus } = await start();
    const datasetId = randomUUID();
    const gone = randomUUID();
    const feed = bus.subscribe({
      datasetId,
      types: ['jobChanged'],
      load: async (event) => (event.type === 'jobChanged' && event.jobId !== gone ? event.jobId : undefined),
    });
    const kept = randomUUID();
    await publishEvent(db, { type: 'jobChanged', datasetId, jobId: gone });
    await publishEvent(db, { type: 'jobChanged', datasetId, jobId: kept });
    expect(await feed.next()).toEqual({ done: false, value: kept });
    const waiting = feed.next();
    await feed.return();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(bus.subscriberCount()).toBe(0);
  });

  it('ends a subscriber that fell too far behind with a typed error', async () => {
    const { db, bus } = await start();
    const datasetId = randomUUID();
    const feed = bus.subscribe({ datasetId, types: ['labelChanged'], load: asIs });
    const imageIds = Array.from({ length: (SUBSCRIBER_BACKLOG + 1) * 100 }, () => randomUUID());
    const markers = bus.subscribe({ datasetId, types: ['modelVersionCreated'], load: asIs });
    await publishEvent(db, { type: 'labelChanged', datasetId, imageIds });
    await publishEvent(db, { type: 'modelVersionCreated', datasetId, modelVersionId: randomUUID() });
    await markers.next();
    await markers.return();
    await expect(feed.next()).rejects.toMatchObject({ code: 'SUBSCRIPTION_BEHIND' });
    expect(bus.subscriberCount()).toBe(0);
  });
});
