import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { embeddings, images, jobs, modelVersions, predictions, sha256Hex } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { generateDataset, writeDataset } from '@loupe/ml/synthetic';
import { count, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { attachJobs } from '../src/jobs/attach-jobs';
import { importFolder } from '../src/operations/import-folder';
import { createTestApp, type TestApp } from './test-app';

const loupe = resolve(import.meta.dirname, '../bin/loupe.mjs');
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const children: ChildProcess[] = [];

function start(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [loupe, ...args], {
    env: {
      ...process.env,
      LOUPE_LOG_LEVEL: 'warn',
      LOUPE_EMBEDDING_WORKERS: '0',
      LOUPE_TF_BACKEND: 'wasm',
      ...env,
    },
    stdio: 'ignore',
  });
  children.push(child);
  return child;
}

async function until<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 180_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

/** `studies` × 4 images; more than one embedding chunk (64) leaves the job mid-embedding after the first write. */
async function syntheticFolder(studies = 12) {
  const folder = await mkdtemp(join(tmpdir(), 'loupe-crash-'));
  const plan = generateDataset({
    seed: 3,
    studies,
    imagesPerStudy: 4,
    categories: ['liver', 'bladder', 'spleen'],
    difficulty: 0.2,
  });
  const { manifestPath } = await writeDataset(folder, plan);
  return { folder, manifestPath };
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/**
 * The dataset has exactly one model version and it is whole: its predictions for every image, its metrics and
 * its weights in the blob store; and one embedding per image, crop and backbone however often the run began.
 */
async function expectOneWholeVersion(app: TestApp, datasetId: string) {
  const { db } = app.database;
  const versions = await db.select().from(modelVersions).where(eq(modelVersions.datasetId, datasetId));
  expect(versions.map((row) => row.version)).toEqual([1]);
  const version = versions[0]!;
  const imageCount = await db.$count(images, eq(images.datasetId, datasetId));
  expect(await db.$count(predictions, eq(predictions.modelVersionId, version.id))).toBe(imageCount);
  expect(Object.keys(version.metrics as object).length).toBeGreaterThan(0);
  expect(sha256Hex(await app.blobs.get(version.weightsSha256))).toBe(version.weightsSha256);
  expect(await db.$count(embeddings)).toBe(imageCount);
  const { rows: repeated } = await app.database.executeSql(
    'select image_id from embeddings group by image_id, crop_key, backbone having count(*) > 1',
  );
  expect(repeated).toEqual([]);
  return version;
}

const postgres = testDatabaseTargets().find((target) => target.name === 'postgres');

describe.runIf(postgres)('a worker killed mid-job (PostgreSQL)', () => {
  it('is retried by another worker; the run writes one version and no duplicate embeddings', async () => {
    const app = await createTestApp(postgres!, { jobTimeoutSeconds: 4 });
    try {
      const { folder, manifestPath } = await syntheticFolder(48);
      const report = await importFolder(app, { folder, manifestPath, datasetName: 'crash' });
      const { db } = app.database;
      const env = {
        DATABASE_URL: app.database.databaseUrl,
        LOUPE_BLOB_DIR: app.settings.blobDir,
        LOUPE_JOB_TIMEOUT_SECONDS: '4',
      };
      const first = start(['worker'], env);
      const queue = await attachJobs(app, { runWorker: false });
      await app.jobs!.enqueue('retrain', { datasetId: report.datasetId, reason: 'test' });
      await until('the first worker to start embedding', async () => {
        const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(embeddings);
        return n > 0 ? n : undefined;
      });
      first.kill('SIGKILL');
      await sleep(500);
      expect(await db.$count(modelVersions)).toBe(0);
      start(['worker'], env);
      const version = await until('a model version from the retried job', async () => {
        const [row] = await db
          .select()
          .from(modelVersions)
          .where(eq(modelVersions.datasetId, report.datasetId));
        return row;
      });
      expect(version.version).toBe(1);
      const [job] = await db.select().from(jobs).where(eq(jobs.kind, 'retrain'));
      expect(job?.attempt).toBeGreaterThanOrEqual(2);
      expect(job?.state).toBe('SUCCEEDED');
      await expectOneWholeVersion(app, report.datasetId);
      await queue.stop();
    } finally {
      await app.close();
    }
  }, 300_000);
});

describe('the embedded app killed mid-job (PGlite)', () => {
  it('retries the interrupted job on the next start', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'loupe-crash-data-'));
    try {
      const { folder, manifestPath } = await syntheticFolder();
      const imported = spawn(
        process.execPath,
        [loupe, 'import', folder, '--manifest', manifestPath, '--dataset', 'crash', '--json'],
        {
          env: { ...process.env, LOUPE_DATA_DIR: dataDir, LOUPE_LOG_LEVEL: 'warn' },
        },
      );
      await new Promise((done) => imported.on('exit', done));
      const env = { LOUPE_DATA_DIR: dataDir, LOUPE_DEMO_IMAGES: '0', LOUPE_API_PORT: '0' };
      const gql = async (query: string) => {
        const server = JSON.parse(await readFile(join(dataDir, 'server.json'), 'utf8')) as { url: string };
        const token = await readFile(join(dataDir, 'admin-token'), 'utf8');
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query }),
        });
        return ((await response.json()) as { data?: any }).data;
      };
      const datasetOf =
        'datasets { id latestModelVersion { version } jobs { edges { node { kind state progress attempt } } } }';
      const first = start(['serve'], env);
      const datasetId = await until(
        'the app to serve',
        async () =>
          (await gql(`{ ${datasetOf} }`).catch(() => undefined))?.datasets?.[0]?.id as string | undefined,
      );
      await until('the import to be embedding', async () => {
        const dataset = (await gql(`{ ${datasetOf} }`))?.datasets?.[0];
        return dataset?.jobs?.edges?.some(
          (edge: { node: { state: string } }) => edge.node.state === 'RUNNING',
        )
          ? true
          : undefined;
      });
      first.kill('SIGKILL');
      await sleep(11_000); // the data-folder lock goes stale after 10 s
      start(['serve'], env);
      await until(
        'the app to come back',
        async () => (await gql(`{ ${datasetOf} }`).catch(() => undefined))?.datasets?.[0],
      );
      await gql(`mutation { requestRetrain(datasetId: "${datasetId}") }`);
      const version = await until(
        'a model version after the restart',
        async () => (await gql(`{ ${datasetOf} }`))?.datasets?.[0]?.latestModelVersion ?? undefined,
      );
      expect(version.version).toBe(1);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
