import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from './free-port';
import { artifactPath, artifactsDir, repoRoot, webDir } from './paths';
import { type Service, startService } from './service';
import { isApiHealthy, isWebServing, waitUntilReady } from './wait-until';

/**
 * Images in the demo dataset the API seeds into its empty database: enough that about two dozen start
 * unlabelled, for the review-queue specs to label.
 */
export const demoImageCount = 48;

export type Stack = {
  apiUrl: string;
  webUrl: string;
  /** The API's data folder, where it writes the first administrator's password. */
  dataDir: string;
  stop: () => Promise<void>;
};

/** Builds the web app unless a production build is already there. */
export async function ensureWebBuild(): Promise<void> {
  // @ts-expect-error: a plain JavaScript module shared with `npm start`.
  const { buildWebIfStale } = await import('../../scripts/web-build.mjs');
  buildWebIfStale();
}

function startApi(port: number, dataDir: string, demoImages: number): Service {
  const { DATABASE_URL: _shared, ...env } = process.env;
  return startService({
    name: 'API',
    command: process.execPath,
    args: ['apps/api/bin/loupe.mjs', 'serve', '--port', String(port)],
    cwd: repoRoot,
    env: {
      ...env,
      LOUPE_DATA_DIR: dataDir,
      LOUPE_DEMO_IMAGES: String(demoImages),
      LOUPE_HOST: '127.0.0.1',
    },
    logPath: artifactPath('api.log'),
  });
}

function startWeb(port: number, apiUrl: string): Service {
  const nextBin = createRequire(join(webDir, 'package.json')).resolve('next/dist/bin/next');
  return startService({
    name: 'Web app',
    command: process.execPath,
    args: [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'],
    cwd: webDir,
    env: { ...process.env, LOUPE_API_URL: apiUrl, NEXT_TELEMETRY_DISABLED: '1' },
    logPath: artifactPath('web.log'),
  });
}

export type StackOptions = {
  /** Size of the demo dataset (default `demoImageCount`); benchmarks ask for more. */
  demoImages?: number;
};

/** Starts the API on a fresh data folder and the web app in front of it, both on free ports. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  mkdirSync(artifactsDir, { recursive: true });
  await ensureWebBuild();
  const dataDir = await mkdtemp(join(tmpdir(), 'loupe-e2e-'));
  const services: Service[] = [];
  const stop = async () => {
    for (const service of services.reverse()) await service.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const apiUrl = `http://127.0.0.1:${await findFreePort()}`;
    services.push(startApi(Number(new URL(apiUrl).port), dataDir, options.demoImages ?? demoImageCount));
    await waitUntilReady(services[0]!, () => isApiHealthy(apiUrl), 180_000);
    const webUrl = `http://127.0.0.1:${await findFreePort()}`;
    services.push(startWeb(Number(new URL(webUrl).port), apiUrl));
    await waitUntilReady(services[1]!, () => isWebServing(webUrl), 60_000);
    return { apiUrl, webUrl, dataDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
