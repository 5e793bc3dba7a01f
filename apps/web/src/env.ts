import { z } from 'zod';

const webEnvSchema = z.object({
  LOUPE_API_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:4000' })
    .default('http://127.0.0.1:4000'),
  LOUPE_API_WS_URL: z
    .url({ protocol: /^wss?$/, error: 'must be a ws(s) URL such as wss://loupe.example.org/graphql' })
    .optional(),
});

/** Settings of the web server process. Only server code (pages, the proxy) may import this module. */
export type WebEnv = {
  /** Origin of the Loupe API, without a trailing slash. */
  apiUrl: string;
  /** Where browsers open the API's WebSocket for live updates (see `liveEndpoint`). */
  live: LiveEndpoint;
};

/**
 * The API's GraphQL WebSocket as a browser reaches it: a fixed URL (LOUPE_API_WS_URL, for an API behind a
 * reverse proxy), or else the page's own host name with the scheme and port of LOUPE_API_URL — the same
 * host, so the browser sends the session cookie along.
 */
export type LiveEndpoint = { url: string | null; secure: boolean; port: string };

export class WebEnvError extends Error {
  readonly code = 'INVALID_ENV';
}

export function parseWebEnv(source: Record<string, string | undefined>): WebEnv {
  const parsed = webEnvSchema.safeParse({
    LOUPE_API_URL: source.LOUPE_API_URL || undefined,
    LOUPE_API_WS_URL: source.LOUPE_API_WS_URL || undefined,
  });
  if (!parsed.success) {
    throw new WebEnvError(`Invalid environment for the Loupe web app:\n${z.prettifyError(parsed.error)}`);
  }
  const apiUrl = new URL(parsed.data.LOUPE_API_URL);
  const secure = apiUrl.protocol === 'https:';
  return {
    apiUrl: parsed.data.LOUPE_API_URL.replace(/\/+$/, ''),
    live: {
      url: parsed.data.LOUPE_API_WS_URL ?? null,
      secure,
      port: apiUrl.port || (secure ? '443' : '80'),
    },
  };
}

export const env: WebEnv = parseWebEnv(process.env);
