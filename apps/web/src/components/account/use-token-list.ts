'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../lib/api-result';
import { type AccountApiToken, accountApiTokensQuery } from '../../queries/account-queries';
import { readWithRetry } from '../categories/read-with-retry';

export type TokenList = {
  tokens: AccountApiToken[];
  showInactive: boolean;
  loadError: ApiError | null;
  /** Lists revoked and expired tokens too, or only live ones, and reads the list again. */
  setShowInactive: (showInactive: boolean) => void;
  /** Reads the list again (after a change here, or one made elsewhere). */
  refresh: () => Promise<void>;
};

/**
 * A user's tokens and web sessions, from the page's first read on. Only the newest read answers: an older
 * one that comes back later (the toggle flipped twice) is dropped. The list catches up when the tab is shown
 * again (a sign-in or sign-out elsewhere changes the sessions). `initial` null: the user has no list to show.
 */
export function useTokenList(userId: string, initial: AccountApiToken[] | null): TokenList {
  const enabled = initial !== null;
  const [tokens, setTokens] = useState(initial ?? []);
  const [showInactive, setShowInactiveState] = useState(false);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const latest = useRef(0);
  const inactive = useRef(false);

  const read = useCallback(
    async (includeInactive: boolean) => {
      const request = ++latest.current;
      const result = await readWithRetry(accountApiTokensQuery, { userId, includeInactive });
      if (request !== latest.current) return;
      if (!result.ok) {
        setLoadError(result.error);
        return;
      }
      setLoadError(null);
      setTokens(result.data.apiTokens);
    },
    [userId],
  );

  const refresh = useCallback(() => read(inactive.current), [read]);

  const setShowInactive = useCallback(
    (value: boolean) => {
      inactive.current = value;
      setShowInactiveState(value);
      void read(value);
    },
    [read],
  );

  useEffect(() => {
    if (!enabled) return;
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [enabled, refresh]);

  return { tokens, showInactive, loadError, setShowInactive, refresh };
}
