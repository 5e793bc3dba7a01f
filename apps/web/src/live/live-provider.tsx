'use client';

import { type Client, createClient } from 'graphql-ws';
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import type { LiveEndpoint } from '../env';
import type { GraphQLDocument } from '../lib/graphql-document';
import { liveUrl } from './live-url';

/** CONNECTING until the first connection opens; OFFLINE while it is down and retrying. */
export type LiveStatus = 'CONNECTING' | 'LIVE' | 'OFFLINE';

type LiveContextValue = {
  client: Client | null;
  status: LiveStatus;
  /** Grows by one each time the connection opens again after a drop: events may have been missed. */
  reconnects: number;
};

const LiveContext = createContext<LiveContextValue>({ client: null, status: 'CONNECTING', reconnects: 0 });

/**
 * One graphql-ws connection to the API per tab, shared by every live view, authenticated by the session
 * cookie. It opens at once (so the header can say whether updates flow) and retries forever with backoff.
 */
export function LiveProvider({ endpoint, children }: { endpoint: LiveEndpoint; children: ReactNode }) {
  const [value, setValue] = useState<LiveContextValue>({ client: null, status: 'CONNECTING', reconnects: 0 });
  useEffect(() => {
    let connectedBefore = false;
    const client = createClient({
      url: liveUrl(endpoint, window.location),
      lazy: false,
      keepAlive: 15_000,
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      on: {
        connected: () => {
          const again = connectedBefore;
          connectedBefore = true;
          setValue((current) => ({
            client,
            status: 'LIVE',
            reconnects: again ? current.reconnects + 1 : current.reconnects,
          }));
        },
        closed: () =>
          setValue((current) => (current.status === 'LIVE' ? { ...current, status: 'OFFLINE' } : current)),
      },
    });
    setValue({ client, status: 'CONNECTING', reconnects: 0 });
    return () => {
      void client.dispose();
    };
  }, [endpoint]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

/** Whether live updates are flowing, for the header's indicator. */
export function useLiveStatus(): LiveStatus {
  return useContext(LiveContext).status;
}

/**
 * Runs a subscription while the component is mounted and hands each event to `onEvent`. `onResync` runs
 * after the connection comes back from a drop, when events may have been missed: refetch there.
 * Variables are compared by value, so an inline object does not resubscribe on every render.
 */
export function useSubscription<TData, TVariables>(
  document: GraphQLDocument<TData, TVariables>,
  variables: TVariables,
  onEvent: (data: TData) => void,
  onResync?: () => void,
): void {
  const { client, reconnects } = useContext(LiveContext);
  const handlers = useRef({ onEvent, onResync });
  handlers.current = { onEvent, onResync };
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (!client) return;
    return client.subscribe<TData>(
      { query: document.query, variables: JSON.parse(key) as Record<string, unknown> },
      {
        next: (result) => {
          if (result.data) handlers.current.onEvent(result.data);
        },
        error: () => {
          // A refused subscription (signed out, no access): the page's own queries say why.
        },
        complete: () => {},
      },
    );
  }, [client, document.query, key]);
  const seen = useRef(reconnects);
  useEffect(() => {
    if (reconnects !== seen.current) {
      seen.current = reconnects;
      handlers.current.onResync?.();
    }
  }, [reconnects]);
}
