/**
 * GraphQL under load: the review-queue mutation and a 100-image page, each from 50 concurrent clients over
 * loopback, against PostgreSQL holding a dataset of 100,000 images with a trained model version.
 *
 *   npx tsx bench/graphql-load.ts [--postgres URL] [--images N] [--connections N] [--seconds N] [--only TEXT]
 *
 * Creates a scratch database on the server (dropped afterwards), prints requests/s, p50/p99 latency and SQL
 * statements per request, and writes bench/results/graphql-load.json.
 */

import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createFileBlobStore, users } from '@loupe/db';
import { openFreshPostgres } from '@loupe/db/testing';
import { retrainDataset } from '@loupe/ml';
import { cachedOnlyEmbedder, seedCachedDataset } from '@loupe/ml/synthetic';
import { sql } from 'drizzle-orm';
import { ensureInstanceSetting } from '../src/app-context';
import { createApiToken } from '../src/auth/api-tokens';
import { loadSettings } from '../src/env';
import { createLogger } from '../src/logger';
import { startServer } from '../src/server';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) =>
  args.includes(name) ? (args[args.indexOf(name) + 1] ?? fallback) : fallback;
const serverUrl = option('--postgres', 'postgres://postgres@127.0.0.1:5432/test');
const imageCount = Number(option('--images', '100000'));
const connections = Number(option('--connections', '50'));
const seconds = Number(option('--seconds', '20'));
/** Runs only the measurements whose name contains this text (the JSON file is then not written). */
const only = option('--only', '');

type ClientFigures = {
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  errors: number;
};

/** Runs the load generator in its own process (see load-client.ts). */
async function runClient(task: object): Promise<ClientFigures> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'load-client.ts'), JSON.stringify(task)],
    { maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ClientFigures;
}

const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64url');

const QUEUE = /* GraphQL */ `
  mutation Queue($datasetId: ID!) {
    takeQueueItems(datasetId: $datasetId, strategy: "MARGIN", count: 10) {
      image { id thumbnailUrl }
      reason
      score
      margin
      top1 { category { name } probability }
      top2 { category { name } probability }
    }
  }
`;

const IMAGE_PAGE = /* GraphQL */ `
  query ImagePage($datasetId: ID!) {
    dataset(id: $datasetId) {
      images(first: 100, filter: { labelled: false }, orderBy: { field: MARGIN, direction: ASC }) {
        totalCount
        pageInfo { endCursor hasNextPage }
        edges {
          node {
            id
            thumbnailUrl
            study { id key }
            currentLabel { category { name } source }
            cropBox { x y width height scope }
            prediction { margin entropy top1 { category { name } probability } top2 { category { name } probability } }
          }
        }
      }
    }
  }
`;

const EMPTY = '{ __typename }';

/** The same page without its total, which costs a current-label lookup per image of the dataset. */
const IMAGE_PAGE_WITHOUT_COUNT = IMAGE_PAGE.replace('totalCount', '');

const tempDir = await mkdtemp(join(tmpdir(), 'loupe-load-'));
let statements = 0;
// A scratch database on the server, dropped when it closes.
const database = await openFreshPostgres(serverUrl, {
  maxConnections: 10,
  onQuery: () => {
    statements += 1;
  },
});
const scratchUrl = database.databaseUrl!;
try {
  const { db } = database;
  const blobs = createFileBlobStore(join(tempDir, 'blobs'));
  console.error(`seeding ${imageCount} images…`);
  const started = performance.now();
  const seeded = await seedCachedDataset(db, { imageCount, dimensions: 384 });
  const outcome = await retrainDataset(
    { db, blobs, embedder: cachedOnlyEmbedder, embeddingCache: new Map() },
    { datasetId: seeded.datasetId },
  );
  if (outcome.kind !== 'created') throw new Error(`no model version: ${outcome.message}`);
  await db.execute(sql`analyze`);
  console.error(`seeded and trained in ${Math.round((performance.now() - started) / 1000)} s`);

  const settings = loadSettings(
    {},
    {
      databaseUrl: scratchUrl,
      dataDir: tempDir,
      blobDir: join(tempDir, 'blobs'),
      logLevel: 'warn',
      demoImages: 0,
    },
  );
  const app = {
    settings,
    database,
    blobs,
    logger: createLogger('warn'),
    uidSalt: await ensureInstanceSetting(database, 'study_uid_salt', () => 'bench'),
    close: async () => {},
  };
  const server = await startServer(app, { port: 0, host: '127.0.0.1' });
  // One annotator per connection, so each takes its own leases as real annotators would.
  const annotators = await db
    .insert(users)
    .values(
      Array.from({ length: connections }, (_, i) => ({
        email: `annotator${i}@bench.local`,
        name: `Annotator ${i}`,
        role: 'ANNOTATOR' as const,
      })),
    )
    .returning({ id: users.id });
  const tokens = await Promise.all(
    annotators.map(async (user) => (await createApiToken(db, { userId: user.id, name: 'bench' })).token),
  );
  const datasetId = gid('Dataset', seeded.datasetId);

  async function measure(name: string, query: string, rate?: number, clients = connections) {
    const body = JSON.stringify({ query, variables: { datasetId } });
    const check = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[0]}` },
      body,
    });
    const answer = (await check.json()) as { errors?: unknown[] };
    if (answer.errors) throw new Error(`${name}: ${JSON.stringify(answer.errors)}`);
    statements = 0;
    const client = await runClient({
      url: `${server.url}/graphql`,
      body,
      tokens: tokens.slice(0, clients),
      connections: clients,
      seconds,
      ...(rate ? { rate } : {}),
    });
    // Let the requests still in flight when the clock stopped finish before the next run or the shutdown.
    await new Promise((done) => setTimeout(done, 2000));
    const requests = client.requests;
    const figures = {
      name,
      connections: clients,
      seconds,
      images: imageCount,
      requests,
      offeredRate: rate ?? 'as fast as answered',
      requestsPerSecond: client.requestsPerSecond,
      latencyMs: client.latencyMs,
      sqlStatementsPerRequest: requests ? Number((statements / requests).toFixed(2)) : null,
      errors: client.errors,
    };
    console.log(JSON.stringify(figures));
    return figures;
  }

  const runs: [string, string, number?, number?][] = [
    ['review queue (takeQueueItems, MARGIN, 10)', QUEUE],
    // 50 annotators at a pace people could keep up: each request hands out 10 images, labelled in a few
    // seconds each, so one request per annotator every 2 s (25/s together) is already several times what they
    // need; then one per second each (50/s). Open loads: requests go out at random times whatever the answers.
    ['review queue, 50 annotators, one request every 2 s each', QUEUE, 25],
    ['review queue, 50 annotators, one request every second each', QUEUE, 50],
    // One client alone: the time one request takes on an otherwise idle server.
    ['review queue, one client', QUEUE, undefined, 1],
    // The floor: the same server, authentication and HTTP path answering a query that reads nothing.
    ['empty query ({ __typename }), for reference', EMPTY],
    ['image page (100 images, filtered and sorted)', IMAGE_PAGE],
    ['image page, paced at 20 requests/s', IMAGE_PAGE, 20],
    ['image page without totalCount', IMAGE_PAGE_WITHOUT_COUNT],
  ];
  const results = [];
  for (const [name, query, rate, clients] of runs) {
    if (only && !name.includes(only)) continue;
    results.push(await measure(name, query, rate, clients));
  }
  console.table(
    results.map((r) => ({
      query: r.name,
      'req/s': r.requestsPerSecond,
      'p50 ms': r.latencyMs.p50,
      'p99 ms': r.latencyMs.p99,
      'SQL/request': r.sqlStatementsPerRequest,
      errors: r.errors,
    })),
  );
  await server.close();
  if (!only) {
    await mkdir(join(import.meta.dirname, 'results'), { recursive: true });
    await writeFile(
      join(import.meta.dirname, 'results', 'graphql-load.json'),
      `${JSON.stringify({ database: 'postgres', measuredAt: new Date().toISOString(), machine: { cpus: availableParallelism(), model: cpus()[0]?.model }, results }, null, 2)}\n`,
    );
  }
} finally {
  await database.close();
  await rm(tempDir, { recursive: true, force: true });
}
