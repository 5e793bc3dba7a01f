import {
  type ChangeEvent,
  type ChangeEventType,
  type DatabaseHandle,
  EVENT_CHANNEL,
  parseEvent,
} from '@loupe/db';
import { AppError } from '../errors';
import type { Logger } from '../logger';

/** Distinct events one subscriber may have waiting; a subscriber further behind is ended with an error. */
export const SUBSCRIBER_BACKLOG = 500;

export type EventFeed<T> = {
  datasetId: string;
  types: readonly ChangeEventType[];
  /** Loads what an event is about, fresh; undefined skips the event (the object is gone). */
  load: (event: ChangeEvent) => Promise<T | undefined>;
};

/** Change events from every process (PostgreSQL NOTIFY, or PGlite's in process), fanned out to subscribers. */
export type EventBus = {
  subscribe: <T>(
    feed: EventFeed<T>,
  ) => AsyncIterableIterator<T> & { return: () => Promise<IteratorResult<T>> };
  subscriberCount: () => number;
  close: () => Promise<void>;
};

type Subscriber = {
  datasetId: string;
  types: ReadonlySet<string>;
  push: (key: string, event: ChangeEvent) => void;
  end: () => void;
};

/** Listens on the event channel (one connection per process) until closed. */
export async function startEventBus(database: DatabaseHandle, logger: Logger): Promise<EventBus> {
  const subscribers = new Set<Subscriber>();
  const listener = await database.listen(
    EVENT_CHANNEL,
    (payload) => {
      const event = parseEvent(payload);
      if (!event) {
        logger.warn({ payload: payload.slice(0, 200) }, 'ignored a notification that is no change event');
        return;
      }
      for (const subscriber of subscribers) {
        if (subscriber.datasetId === event.datasetId && subscriber.types.has(event.type))
          subscriber.push(payload, event);
      }
    },
    (error) => logger.warn({ err: error }, 'change events: the listening connection had trouble'),
  );
  return {
    subscribe: (feed) => feedIterator(subscribers, feed),
    subscriberCount: () => subscribers.size,
    close: async () => {
      for (const subscriber of [...subscribers]) subscriber.end();
      await listener.close();
    },
  };
}

/**
 * One subscriber's events as an async iterator. Identical events still waiting are delivered once (each
 * loads the current state anyway). `return` ends it at once, even while it waits for the next event.
 */
function feedIterator<T>(subscribers: Set<Subscriber>, feed: EventFeed<T>) {
  const waiting = new Map<string, ChangeEvent>();
  let wake: (() => void) | undefined;
  let isDone = false;
  let isBehind = false;
  const subscriber: Subscriber = {
    datasetId: feed.datasetId,
    types: new Set(feed.types),
    push: (key, event) => {
      if (waiting.has(key)) return;
      if (waiting.size >= SUBSCRIBER_BACKLOG) isBehind = true;
      else waiting.set(key, event);
      wake?.();
    },
    end: () => finish(),
  };
  subscribers.add(subscriber);
  const finish = (): IteratorResult<T> => {
    isDone = true;
    subscribers.delete(subscriber);
    waiting.clear();
    wake?.();
    return { done: true, value: undefined };
  };
  const iterator = {
    async next(): Promise<IteratorResult<T>> {
      while (!isDone) {
        if (isBehind) {
          finish();
          throw new AppError(
            'SUBSCRIPTION_BEHIND',
            'This subscription fell too far behind; subscribe again.',
          );
        }
        const [entry] = waiting;
        if (!entry) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
          continue;
        }
        waiting.delete(entry[0]);
        let value: T | undefined;
        try {
          value = await feed.load(entry[1]);
        } catch (error) {
          // A consumer does not call `return` after `next` failed: end the feed here.
          finish();
          throw error;
        }
        if (value !== undefined && !isDone) return { done: false, value };
      }
      return { done: true, value: undefined };
    },
    return: async () => finish(),
    throw: async (error: unknown): Promise<IteratorResult<T>> => {
      finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
