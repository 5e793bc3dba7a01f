import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { embeddings, images, jobs, modelVersions, predictions, sha256Hex } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { QUEUES, startJobQueue } from '@loupe/ml';
import { generateDataset, writeDataset } from '@loupe/ml/synthetic';
import { count, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { attachJobs } from '../src/jobs/attach-jobs';
import { importFolder } from '../src/operations/import-folder';
import { createTestApp, type TestApp } from './test-app';

const loupe = resolve(import.meta.dirname, '../bin/loupe.mjs');
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const children: ChildProcess[] = [];

function spawnLoupe(args: string[], env: NodeJS.ProcessEnv, stderr: 'ignore' | 'pipe'): ChildProcess {
  const child = spawn(process.execPath, [loupe, ...args], {
    env: {
      ...process.env,
      LOUPE_LOG_LEVEL: 'warn',
      LOUPE_EMBEDDING_WORKERS: '0',
      LOUPE_TF_BACKEND: 'wasm',
      ...env,
    },
    stdio: ['ignore', 'ignore', stderr],
  });
  children.push(child);
  return child;
}

const start = (args: string[], env: NodeJS.ProcessEnv) => spawnLoupe(args, env, 'ignore');

/**
 * Starts a process whose run stops at the named failpoints (see packages/ml/src/failpoints.ts); `reached`
 * resolves with the failpoint's name once the process says it is waiting there.
 */
function startAt(failpoints: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = spawnLoupe(args, { ...env, LOUPE_FAILPOINTS: failpoints }, 'pipe');
  let said = '';
  const reached = new Promise<string>((resolve, reject) => {
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      said = (said + chunk).slice(-4000);
      const match = /loupe failpoint (\S+) reached/.exec(said);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code, signal) =>
      reject(new Error(`the process ended (${code ?? signal}) before a failpoint; it said: ${said}`)),
    );
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { child, reached, exited };
}

async function within<T>(what: string, promise: Promise<T>, timeoutMs = 180_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
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
      // The version commits before the run ends: the job is marked done after the run's last steps.
      const job = await until('the retried job to end', async () => {
        const [row] = await db.select().from(jobs).where(eq(jobs.kind, 'retrain'));
        return row && row.state !== 'RUNNING' && row.state !== 'QUEUED' ? row : undefined;
      });
      expect(job.attempt).toBeGreaterThanOrEqual(2);
      expect(job.state).toBe('SUCCEEDED');
      await expectOneWholeVersion(app, report.datasetId);
      await queue.stop();
    } finally {
      await app.close();
    }
  }, 300_000);
});

describe.runIf(postgres)('a worker killed mid-training and while writing its version (PostgreSQL)', () => {
  it('leaves no version behind either time; the next attempt writes one whole version', async () => {
    const app = await createTestApp(postgres!);
    // A lost run is given up after 45 s (a worker's run here takes a few), checked every second.
    const queue = await startJobQueue(app.database, {
      schedule: false,
      expireInSeconds: 45,
      maintenanceIntervalSeconds: 1,
    });
    try {
      const { folder, manifestPath } = await syntheticFolder();
      const report = await importFolder(app, { folder, manifestPath, datasetName: 'crash' });
      const { db } = app.database;
      const env = { DATABASE_URL: app.database.databaseUrl, LOUPE_BLOB_DIR: app.settings.blobDir };
      const retrainJob = async () => (await db.select().from(jobs).where(eq(jobs.kind, 'retrain')))[0];

      // 1. Killed after the first epoch of fitting the head.
      const first = startAt('retrain:training', ['worker'], env);
      await queue.enqueue(QUEUES.retrain, { datasetId: report.datasetId, reason: 'test' });
      expect(await within('the first worker to train', first.reached)).toBe('retrain:training');
      expect(await retrainJob()).toMatchObject({ state: 'RUNNING', attempt: 1 });
      first.child.kill('SIGKILL');
      await first.exited;
      expect(await db.$count(modelVersions)).toBe(0);

      // 2. The queue retries the lost run; this worker is killed with its version and every prediction
      //    written inside the still open transaction.
      const second = startAt('retrain:writing-version', ['worker'], env);
      expect(await within('the retried run to write its version', second.reached)).toBe(
        'retrain:writing-version',
      );
      expect(await retrainJob()).toMatchObject({ state: 'RUNNING', attempt: 2 });
      expect(await db.$count(modelVersions)).toBe(0);
      second.child.kill('SIGKILL');
      await second.exited;
      // The server rolls the dead connection's transaction back: none of its rows ever become visible.
      await until('the killed connection to end', async () => {
        const { rows } = await app.database.executeSql(
          `select count(*)::int as n from pg_stat_activity
           where datname = current_database() and state like 'idle in transaction%'`,
        );
        return Number(rows[0]?.n) === 0 ? true : undefined;
      });
      expect(await db.$count(modelVersions)).toBe(0);
      expect(await db.$count(predictions)).toBe(0);

      // 3. Left alone, the third attempt finishes the run.
      start(['worker'], env);
      const done = await until('the third attempt to finish', async () => {
        const job = await retrainJob();
        return job?.state === 'SUCCEEDED' ? job : undefined;
      });
      expect(done.attempt).toBe(3);
      await expectOneWholeVersion(app, report.datasetId);
    } finally {
      await queue.stop();
      await app.close();
    }
  }, 420_000);
});

describe('the embedded app killed mid-job (PGlite)', () => {
  it('retries the interrupted job on the next start, and leaves no half-written version', async () => {
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

      // Restarted, it finishes the interrupted work; this time it is killed inside the version's transaction.
      const second = startAt('retrain:writing-version', ['serve'], env);
      await until(
        'the app to come back',
        async () => (await gql(`{ ${datasetOf} }`).catch(() => undefined))?.datasets?.[0],
      );
      // Asked for as soon as the app answers: it waits for the job queue the app is still starting.
      expect(await gql(`mutation { requestRetrain(datasetId: "${datasetId}") }`)).toEqual({
        requestRetrain: true,
      });
      expect(await within('the run to write its version', second.reached)).toBe('retrain:writing-version');
      second.child.kill('SIGKILL');
      await second.exited;
      await sleep(11_000);

      // The database opens again without the half-written version, and the retried run writes version 1.
      start(['serve'], env);
      const version = await until(
        'a model version after the second restart',
        async () =>
          (await gql(`{ ${datasetOf} }`).catch(() => undefined))?.datasets?.[0]?.latestModelVersion ??
          undefined,
      );
      expect(version.version).toBe(1);
      const after = await gql(
        `{ dataset(id: "${datasetId}") { imageCount modelVersions { totalCount }
           images(first: 100) { edges { node { prediction { modelVersion { version } } } } } } }`,
      );
      expect(after.dataset.modelVersions.totalCount).toBe(1);
      const predicted = after.dataset.images.edges.map(
        (edge: { node: { prediction: { modelVersion: { version: number } } | null } }) =>
          edge.node.prediction?.modelVersion.version,
      );
      expect(predicted).toHaveLength(after.dataset.imageCount);
      expect(new Set(predicted)).toEqual(new Set([1]));
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 420_000);
});
