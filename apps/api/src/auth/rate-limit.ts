/** A fixed-window counter per key, held in this process's memory. */
export type RateLimiter = {
  /** Counts one attempt; false when the key has used up its attempts in the current window. */
  consume: (key: string) => boolean;
  /** Whether the key has used up its attempts in the current window (counts nothing). */
  isExhausted: (key: string) => boolean;
  reset: (key: string) => void;
};

export function createRateLimiter(options: {
  points: number;
  windowMs: number;
  now?: () => number;
}): RateLimiter {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { count: number; endsAt: number }>();
  const dropExpired = (at: number) => {
    for (const [key, window] of windows) if (window.endsAt <= at) windows.delete(key);
  };
  return {
    consume: (key) => {
      const at = now();
      if (windows.size > 10_000) dropExpired(at);
      const window = windows.get(key);
      if (!window || window.endsAt <= at) {
        windows.set(key, { count: 1, endsAt: at + options.windowMs });
        return true;
      }
      window.count += 1;
      return window.count <= options.points;
    },
    isExhausted: (key) => {
      const window = windows.get(key);
      return window !== undefined && window.endsAt > now() && window.count >= options.points;
    },
    reset: (key) => void windows.delete(key),
  };
}
