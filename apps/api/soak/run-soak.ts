/**
 * The soak: simulated annotators labeling through the GraphQL API at full speed while the worker retrains,
 * with data-science queries and subscriptions beside them, against a real `loupe serve` (and, on
 * PostgreSQL, a separate `loupe worker`) started as child processes on loopback. Afterwards it checks that
 * every acknowledged label is in the database exactly once, that label histories hold together and that
 * every model version is complete, and it reports latency and the processes' memory over time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type BlobStore,
  createFileBlobStore,
  type DatabaseHandle,
  executeRows,
  openDatabase,
} from '@loupe/db';
import { openFreshPostgres } from '@loupe/db/testing';
import { sql } from 'drizzle-orm';
import { createClient } from 'graphql-ws';
import { quantile } from 'simple-statistics';
import WebSocket from 'ws';
import { freePort, loupeBin, loupeEnv, readyLine, stopLoupe } from '../test/loupe-cli';

export type SoakOptions = {
  /** PostgreSQL server to create a fresh database on; embedded PGlite when absent. */
  postgresUrl?: string;
  annotators: number;
  durationMs: number;
  /** Stop early after this many label mutations in all. */
  maxLabels: number;
  demoImages: number;
  /** Memory samples every this many milliseconds. */
  sampleEveryMs: number;
  log?: (line: string) => void;
  /** Where the API's and the worker's own logs go (info level); dropped when absent. */
  logDir?: string;
};

export type MemorySample = { atMs: number; apiRssMiB: number; workerRssMiB: number | null };

export type SoakReport = {
  database: 'postgres' | 'pglite';
  annotators: number;
  durationS: number;
  labelsAcknowledged: number;
  labelsPerSecond: number;
  labelFailures: Record<string, number>;
  labelLatencyMs: { p50: number; p95: number; p99: number; max: number };
  dataScienceQueries: number;
  subscriptionEvents: number;
  modelVersions: number;
  /** Background jobs by kind and state at the end. */
  jobs: Record<string, number>;
  memory: MemorySample[];
  checks: {
    acknowledgedMissing: number;
    unacknowledgedWrites: number;
    historyInconsistencies: number;
    incompleteModelVersions: number;
  };
};

type Gql = <T>(
  query: string,
  variables?: Record<string, unknown>,
) => Promise<{ data?: T; errors?: { extensions?: { code?: string } }[] }>;

function client(url: string, token: string): Gql {
  return async (query, variables = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(30_000),
    });
    return (await response.json()) as { data?: never; errors?: { extensions?: { code?: string } }[] };
  };
}

async function rssMiB(pid: number | undefined): Promise<number | null> {
  if (!pid) return null;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kib) ? Math.round(kib / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

const emailOf = (annotator: number) => `annotator${annotator}@soak.local`;

/** The row id inside a global id (`base64url("Type:uuid")`). */
const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1] ?? '';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function spawnLoupe(args: string[], dataDir: string, env: NodeJS.ProcessEnv, logFile?: string): ChildProcess {
  const child = spawn(process.execPath, [loupeBin, ...args], {
    env: loupeEnv(dataDir, { ...env, ...(logFile ? { LOUPE_LOG_LEVEL: 'info' } : {}) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (logFile) {
    const out = createWriteStream(logFile, { flags: 'a' });
    child.stdout?.on('data', (chunk: Buffer) => out.write(chunk));
    child.stderr?.on('data', (chunk: Buffer) => out.write(chunk));
    child.once('close', () => out.end());
  }
  return child;
}

/** The soak keeps the predictions of each dataset's 5 newest versions (LOUPE_KEEP_PREDICTIONS). */
const KEPT_PREDICTION_VERSIONS = 5;

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => {});
  const dataDir = await mkdtemp(join(tmpdir(), 'loupe-soak-'));
  const fresh = options.postgresUrl ? await openFreshPostgres(options.postgresUrl) : undefined;
  const env: NodeJS.ProcessEnv = {
    LOUPE_DEMO_IMAGES: String(options.demoImages),
    LOUPE_HOST: '127.0.0.1',
    // Few enough that older versions' predictions are dropped while annotators read the queue.
    LOUPE_KEEP_PREDICTIONS: String(KEPT_PREDICTION_VERSIONS),
    ...(fresh?.databaseUrl ? { DATABASE_URL: fresh.databaseUrl } : {}),
  };
  let api: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  let database: DatabaseHandle | undefined = fresh;
  try {
    const port = await freePort();
    if (options.logDir) await mkdir(options.logDir, { recursive: true });
    const logFile = (name: string) => (options.logDir ? join(options.logDir, name) : undefined);
    api = spawnLoupe(['serve', '--json', '--port', String(port)], dataDir, env, logFile('api.log'));
    const ready = await readyLine(api);
    if (fresh) worker = spawnLoupe(['worker'], dataDir, env, logFile('worker.log'));
    log(`API at ${ready.graphql} on ${ready.database}${worker ? ', worker started' : ''}`);
    const adminPassword = (await readFile(join(dataDir, 'admin-password'), 'utf8')).trim();
    const signIn = await fetch(ready.graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { role } }',
        variables: { e: 'admin@localhost', p: adminPassword },
      }),
    });
    const cookie = signIn.headers.get('set-cookie')?.split(';')[0] ?? '';
    const adminToken = (
      (await (
        await fetch(ready.graphql, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ query: 'mutation { createApiToken(name: "soak") { secret } }' }),
        })
      ).json()) as { data: { createApiToken: { secret: string } } }
    ).data.createApiToken.secret;
    const admin = client(ready.graphql, adminToken);
    const { data: seeded } = await admin<{
      datasets: { id: string; categories: { id: string }[]; images: { edges: { node: { id: string } }[] } }[];
    }>(`{ datasets { id categories { id } images(first: 500) { edges { node { id } } } } }`);
    const dataset = seeded!.datasets[0]!;
    // The clock starts once the worker is up and has trained the demo dataset's first version.
    const waitUntil = Date.now() + 300_000;
    for (;;) {
      const { data } = await admin<{ dataset: { latestModelVersion: { version: number } | null } }>(
        'query ($d: ID!) { dataset(id: $d) { latestModelVersion { version } } }',
        { d: dataset.id },
      );
      if (data?.dataset.latestModelVersion) break;
      if (Date.now() > waitUntil)
        throw new Error('No model version within 5 minutes: is the worker running?');
      await sleep(1_000);
    }
    log('first model version trained; starting the annotators');
    const categoryIds = dataset.categories.map((category) => category.id);
    const imageIds = dataset.images.edges.map((edge) => edge.node.id);

    const annotatorTokens: string[] = [];
    for (let index = 0; index < options.annotators; index += 1) {
      const email = emailOf(index);
      await admin(
        'mutation ($e: String!, $n: String!) { createUser(email: $e, name: $n, password: "soak password 123", role: ANNOTATOR) { id } }',
        { e: email, n: `Annotator ${index}` },
      );
      const session = await fetch(ready.graphql, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation ($e: String!) { signIn(email: $e, password: "soak password 123") { role } }',
          variables: { e: email },
        }),
      });
      const sessionCookie = session.headers.get('set-cookie')?.split(';')[0] ?? '';
      const created = (await (
        await fetch(ready.graphql, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: sessionCookie },
          body: JSON.stringify({ query: 'mutation { createApiToken(name: "soak annotator") { secret } }' }),
        })
      ).json()) as { data: { createApiToken: { secret: string } } };
      annotatorTokens.push(created.data.createApiToken.secret);
    }

    // Subscriptions: a few dashboards following the dataset.
    let subscriptionEvents = 0;
    const wsUrl = ready.graphql.replace(/^http/, 'ws');
    const subscribers = Array.from({ length: 4 }, () =>
      createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${adminToken}` },
        retryAttempts: 100,
        shouldRetry: () => true,
      }),
    );
    const unsubscribe = subscribers.flatMap((subscriber) =>
      [
        'labelChanged(datasetId: $d) { images { id } }',
        'queueChanged(datasetId: $d) { reason }',
        'modelVersionCreated(datasetId: $d) { version }',
      ].map((field) =>
        subscriber.subscribe(
          { query: `subscription ($d: ID!) { ${field} }`, variables: { d: dataset.id } },
          {
            next: () => {
              subscriptionEvents += 1;
            },
            error: () => {},
            complete: () => {},
          },
        ),
      ),
    );

    const started = Date.now();
    const deadline = started + options.durationMs;
    const memory: MemorySample[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        memory.push({
          atMs: Date.now() - started,
          apiRssMiB: (await rssMiB(api?.pid)) ?? 0,
          workerRssMiB: await rssMiB(worker?.pid),
        });
        await sleep(options.sampleEveryMs);
      }
    })();

    // Every acknowledged label as `annotator email|image uuid|category uuid`.
    const acknowledged: string[] = [];
    const latencies: number[] = [];
    const failures: Record<string, number> = {};
    let attempts = 0;
    const strategies = [
      'RANDOM',
      'MARGIN',
      'LEAST_CONFIDENT',
      'ENTROPY',
      'DIVERSE_MARGIN',
      'LIKELY_LABEL_ERROR',
    ];
    const running = () => Date.now() < deadline && attempts < options.maxLabels;
    const annotate = async (token: string, index: number) => {
      const gql = client(ready.graphql, token);
      let round = index;
      while (running()) {
        round += 1;
        const strategy = strategies[round % strategies.length]!;
        const taken = await gql<{ takeQueueItems: { image: { id: string } }[] }>(
          'mutation ($d: ID!, $s: String!) { takeQueueItems(datasetId: $d, strategy: $s, count: 5) { image { id } } }',
          { d: dataset.id, s: strategy },
        ).catch(() => ({ data: undefined }));
        let queue = taken.data?.takeQueueItems.map((item) => item.image.id) ?? [];
        // With the queue drained, annotators go on correcting labels across the dataset.
        if (queue.length === 0) queue = [imageIds[(round * 7919 + index) % imageIds.length]!];
        for (const imageId of queue) {
          if (!running()) break;
          attempts += 1;
          const categoryId = categoryIds[(round + attempts) % categoryIds.length]!;
          const begun = performance.now();
          try {
            const result = await gql<{ labelImage: { id: string } }>(
              'mutation ($i: ID!, $c: ID) { labelImage(imageId: $i, categoryId: $c) { id } }',
              { i: imageId, c: categoryId },
            );
            if (result.data?.labelImage.id === imageId) {
              latencies.push(performance.now() - begun);
              acknowledged.push(`${emailOf(index)}|${uuidOf(imageId)}|${uuidOf(categoryId)}`);
            } else {
              const code = result.errors?.[0]?.extensions?.code ?? 'UNKNOWN';
              failures[code] = (failures[code] ?? 0) + 1;
            }
          } catch (error) {
            const code = (error as Error).name;
            failures[code] = (failures[code] ?? 0) + 1;
          }
        }
      }
    };
    let dataScienceQueries = 0;
    const analyse = async () => {
      const queries = [
        '{ datasets { id images(first: 100, filter: { labelled: true }) { edges { node { id currentLabel { category { name } } prediction { top1 { probability } } } } } } }',
        '{ datasets { modelVersions(first: 5) { edges { node { version metrics { accuracy top2Accuracy } } } } } }',
        `{ exportDataset(datasetId: "${dataset.id}", format: CSV) { rowCount } }`,
        '{ datasets { images(first: 50, orderBy: { field: MARGIN }) { totalCount edges { node { id } } } } }',
      ];
      while (running()) {
        await admin(queries[dataScienceQueries % queries.length]!).catch(() => undefined);
        dataScienceQueries += 1;
      }
    };
    await Promise.all([
      ...annotatorTokens.map((token, index) => annotate(token, index)),
      analyse(),
      analyse(),
    ]);
    const durationS = (Date.now() - started) / 1000;
    log(`${acknowledged.length} labels acknowledged in ${durationS.toFixed(1)} s; letting the worker settle`);
    // Let the last retrain requested by those labels finish before judging the versions.
    await sleep(Math.min(30_000, Math.max(5_000, options.durationMs / 10)));
    sampling = false;
    await sampler;
    for (const stop of unsubscribe) stop();
    await Promise.all(subscribers.map((subscriber) => subscriber.dispose()));

    await stopLoupe(worker);
    await stopLoupe(api);
    if (!database) database = await openDatabase({ dataDir, migrate: false });
    const checks = await checkDatabase(database, acknowledged, createFileBlobStore(join(dataDir, 'blobs')));
    const sorted = [...latencies].sort((a, b) => a - b);
    const at = (p: number) => (sorted.length ? Math.round(quantile(sorted, p) * 10) / 10 : 0);
    return {
      database: fresh ? 'postgres' : 'pglite',
      annotators: options.annotators,
      durationS: Math.round(durationS * 10) / 10,
      labelsAcknowledged: acknowledged.length,
      labelsPerSecond: Math.round((acknowledged.length / durationS) * 10) / 10,
      labelFailures: failures,
      labelLatencyMs: { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: Math.round(sorted.at(-1) ?? 0) },
      dataScienceQueries,
      subscriptionEvents,
      modelVersions: checks.modelVersions,
      jobs: checks.jobs,
      memory,
      checks: checks.result,
    };
  } finally {
    await stopLoupe(worker);
    await stopLoupe(api);
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function checkDatabase(database: DatabaseHandle, acknowledged: readonly string[], blobs: BlobStore) {
  const { db } = database;
  // Labels are compared as multisets of (annotator, image, category): concurrent annotators may label the
  // same image, so neither order nor the current label identifies a write.
  const rows = await executeRows<{ key: string }>(
    db,
    sql`select u.email || '|' || l.image_id::text || '|' || coalesce(l.category_id::text, '') as key
        from labels l join users u on u.id = l.author_id where u.email like '%@soak.local'`,
  );
  const stored = new Map<string, number>();
  for (const row of rows) stored.set(row.key, (stored.get(row.key) ?? 0) + 1);
  const expected = new Map<string, number>();
  for (const key of acknowledged) expected.set(key, (expected.get(key) ?? 0) + 1);
  let acknowledgedMissing = 0;
  let unacknowledgedWrites = 0;
  for (const key of new Set([...expected.keys(), ...stored.keys()])) {
    const want = expected.get(key) ?? 0;
    const have = stored.get(key) ?? 0;
    if (have < want) acknowledgedMissing += want - have;
    // A write the client saw fail (a timeout, say) may still have committed: counted, but not loss.
    if (have > want) unacknowledgedWrites += have - want;
  }
  // Each image's history: sequence numbers unique, undo events pointing into the same image's history,
  // and no label pointing at a category of another dataset.
  const [history] = await executeRows<{
    duplicate_seq: number;
    foreign_undo: number;
    foreign_category: number;
  }>(
    db,
    sql`
    select
      (select count(*) from (select seq from labels group by seq having count(*) > 1) d)::int as duplicate_seq,
      (select count(*) from labels l join labels o on o.id = l.undo_of_id where o.image_id <> l.image_id)::int as foreign_undo,
      (select count(*) from labels l join images i on i.id = l.image_id
         join categories c on c.id = l.category_id where c.dataset_id <> i.dataset_id)::int as foreign_category
  `,
  );
  const historyInconsistencies = history!.duplicate_seq + history!.foreign_undo + history!.foreign_category;
  // Every version has its weights and metrics; the newest ones of each dataset also their predictions (older
  // versions' predictions are dropped by design, see LOUPE_KEEP_PREDICTIONS).
  const versions = await executeRows<{
    id: string;
    weights: string;
    has_metrics: boolean;
    predictions: number;
    keeps_predictions: boolean;
  }>(
    db,
    sql`
    select v.id::text as id, v.weights_sha256 as weights, v.metrics is not null as has_metrics,
      (select count(*) from predictions p where p.model_version_id = v.id)::int as predictions,
      v.version > (select max(n.version) from model_versions n where n.dataset_id = v.dataset_id)
        - ${KEPT_PREDICTION_VERSIONS}::int as keeps_predictions
    from model_versions v
  `,
  );
  let incompleteModelVersions = 0;
  for (const version of versions)
    if (
      !version.has_metrics ||
      (version.keeps_predictions && version.predictions === 0) ||
      !(await blobs.has(version.weights))
    )
      incompleteModelVersions += 1;
  const jobs = await executeRows<{ kind: string; state: string; count: number }>(
    db,
    sql`select kind, state::text as state, count(*)::int as count from jobs group by kind, state order by kind, state`,
  );
  return {
    modelVersions: versions.length,
    jobs: Object.fromEntries(jobs.map((row) => [`${row.kind} ${row.state}`, row.count])),
    result: {
      acknowledgedMissing,
      unacknowledgedWrites,
      historyInconsistencies,
      incompleteModelVersions,
    },
  };
}
