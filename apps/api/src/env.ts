import { resolve } from 'node:path';
import { DEFAULT_KEPT_PREDICTION_VERSIONS } from '@loupe/db';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65_535);

const settingsSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  LOUPE_DATA_DIR: z.string().min(1).default('.loupe'),
  LOUPE_BLOB_DIR: z.string().min(1).optional(),
  LOUPE_API_PORT: port.default(4000),
  LOUPE_WEB_PORT: port.default(3000),
  LOUPE_HOST: z.string().min(1).default('127.0.0.1'),
  LOUPE_MAX_IMAGE_DIMENSION: z.coerce.number().int().min(16).max(65_535).default(16_384),
  LOUPE_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024 * 1024),
  LOUPE_DEMO_IMAGES: z.coerce.number().int().min(0).max(10_000).default(330),
  LOUPE_BACKBONE: z.string().min(1).default('mobilenet-v2-block10'),
  LOUPE_TF_BACKEND: z.enum(['auto', 'gpu', 'node', 'wasm', 'cpu']).default('auto'),
  LOUPE_EMBEDDING_WORKERS: z.coerce.number().int().min(0).max(64).optional(),
  LOUPE_RETRAIN_CRON: z.string().min(9).optional(),
  LOUPE_REEMBED_CRON: z.string().min(9).optional(),
  LOUPE_JOB_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  LOUPE_KEEP_PREDICTIONS: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(DEFAULT_KEPT_PREDICTION_VERSIONS),
  LOUPE_TRUST_PROXY: z.string().min(1).default('loopback'),
  LOUPE_WEB_ORIGINS: z
    .string()
    .refine(
      (value) => parseOrigins(value) !== undefined,
      'must be comma-separated origins such as https://loupe.example.org',
    )
    .optional(),
  LOUPE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Settings = {
  databaseUrl: string | undefined;
  dataDir: string;
  blobDir: string;
  apiPort: number;
  webPort: number;
  host: string;
  maxImageDimension: number;
  maxUploadBytes: number;
  demoImages: number;
  logLevel: z.infer<typeof settingsSchema>['LOUPE_LOG_LEVEL'];
  /**
   * Which proxies' X-Forwarded-For / X-Forwarded-Proto the API believes (Express "trust proxy": loopback, a
   * list of addresses or subnets, a hop count, true or false). The client address keys sign-in rate limits.
   */
  trustProxy: boolean | number | string;
  /**
   * Origins (scheme, host, port) whose pages may open a subscription WebSocket signed in by the session
   * cookie, besides pages on the API's own host name (any port).
   */
  webOrigins: string[];
  /** A built-in backbone name (`mobilenet-v2-block10`, `mobilenet-v2-pool`) or `local:<model folder>#<layer>`. */
  backbone: string;
  tfBackend: 'auto' | 'gpu' | 'node' | 'wasm' | 'cpu';
  embeddingWorkers: number | undefined;
  retrainCron: string | undefined;
  reembedCron: string | undefined;
  /** A job running longer than this is taken to have lost its worker and is retried. */
  jobTimeoutSeconds: number;
  /** How many of a dataset's newest model versions keep their predictions. */
  keepPredictions: number;
};

export class SettingsError extends Error {
  readonly code = 'BAD_SETTINGS';
}

/** Parses the process settings once; a bad value names its variable. The only reader of `process.env`. */
export function loadSettings(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Settings> = {},
): Settings {
  const parsed = settingsSchema.safeParse(
    Object.fromEntries(
      Object.entries(env).filter(([key, value]) => key in settingsSchema.shape && value !== ''),
    ),
  );
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new SettingsError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const values = parsed.data;
  const dataDir = resolve(values.LOUPE_DATA_DIR);
  return {
    databaseUrl: values.DATABASE_URL,
    dataDir,
    blobDir: resolve(values.LOUPE_BLOB_DIR ?? `${dataDir}/blobs`),
    apiPort: values.LOUPE_API_PORT,
    webPort: values.LOUPE_WEB_PORT,
    host: values.LOUPE_HOST,
    maxImageDimension: values.LOUPE_MAX_IMAGE_DIMENSION,
    maxUploadBytes: values.LOUPE_MAX_UPLOAD_BYTES,
    demoImages: values.LOUPE_DEMO_IMAGES,
    logLevel: values.LOUPE_LOG_LEVEL,
    trustProxy: parseTrustProxy(values.LOUPE_TRUST_PROXY),
    webOrigins: values.LOUPE_WEB_ORIGINS ? (parseOrigins(values.LOUPE_WEB_ORIGINS) ?? []) : [],
    backbone: values.LOUPE_BACKBONE,
    tfBackend: values.LOUPE_TF_BACKEND,
    embeddingWorkers: values.LOUPE_EMBEDDING_WORKERS,
    retrainCron: values.LOUPE_RETRAIN_CRON,
    reembedCron: values.LOUPE_REEMBED_CRON,
    jobTimeoutSeconds: values.LOUPE_JOB_TIMEOUT_SECONDS,
    keepPredictions: values.LOUPE_KEEP_PREDICTIONS,
    ...overrides,
  };
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** Comma-separated http(s) origins, normalized (`https://a.org:443` is `https://a.org`); undefined if one is not. */
function parseOrigins(value: string): string[] | undefined {
  const origins: string[] = [];
  for (const item of value.split(',').map((part) => part.trim())) {
    if (!item) continue;
    let url: URL;
    try {
      url = new URL(item);
    } catch {
      return undefined;
    }
    const isOriginOnly = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
    if (!['http:', 'https:'].includes(url.protocol) || !isOriginOnly) return undefined;
    origins.push(url.origin);
  }
  return origins;
}
