import { z } from 'zod';

const webEnvSchema = z.object({
  LOUPE_API_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:4000' })
    .default('http://127.0.0.1:4000'),
});

/** Settings of the web server process. Only server code (pages, the proxy) may import this module. */
export type WebEnv = {
  /** Origin of the Loupe API, without a trailing slash. */
  apiUrl: string;
};

export class WebEnvError extends Error {
  readonly code = 'INVALID_ENV';
}

export function parseWebEnv(source: Record<string, string | undefined>): WebEnv {
  const parsed = webEnvSchema.safeParse({ LOUPE_API_URL: source.LOUPE_API_URL || undefined });
  if (!parsed.success) {
    throw new WebEnvError(`Invalid environment for the Loupe web app:\n${z.prettifyError(parsed.error)}`);
  }
  return { apiUrl: parsed.data.LOUPE_API_URL.replace(/\/+$/, '') };
}

export const env: WebEnv = parseWebEnv(process.env);
