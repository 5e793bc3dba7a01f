import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiTokens, labels, openDatabase, users } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { recordQueuedJob } from '@loupe/ml';
import { generateDataset, writeDataset } from '@loupe/ml/synthetic';
import { count, eq } from 'drizzle-orm';
import { type Client, createClient } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { csv, makePng, writeFiles } from '../../test/image-fixtures';
import { createTestApp, type TestApp } from '../../test/test-app';
import { createApiToken, ensureAdminUser, hashToken } from '../auth/api-tokens';
import { createUser } from '../auth/users';
import type { Settings } from '../env';
import { SUBSCRIPTION_LIMITS } from '../http/subscription-server';
import { attachJobs } from '../jobs/attach-jobs';
import { importFolder } from '../operations/import-folder';
import { type RunningServer, startServer } from '../server';

const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64url');

async function waitFor(what: string, isDone: () => boolean | Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (await isDone()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`waited in vain for ${what}`);
}

type Received = {
  data: any[];
  errors: { message: string; extensions?: { code?: string } }[];
  isComplete: boolean;
  stop: () => void;
};

/** Subscribes and records what arrives. */
function listen(client: Client, query: string, variables: object): Received {
  const received: Received = { data: [], errors: [], isComplete: false, stop: () => {} };
  received.stop = client.subscribe(
    { query, variables: variables as Record<string, unknown> },
    {
      next: (result) => {
        if (result.data) received.data.push(result.data);
        received.errors.push(...((result.errors ?? []) as Received['errors']));
      },
      error: (error) => {
        if (Array.isArray(error)) received.errors.push(...error);
        else received.errors.push({ message: String((error as { code?: number }).code ?? error) });
      },
      complete: () => {
        received.isComplete = true;
      },
    },
  );
  return received;
}

/** A small imported dataset, an admin and a reader, and a served API. */
async function serveFixture(
  target: ReturnType<typeof testDatabaseTargets>[number],
  settings: Partial<Settings> = {},
) {
  const app = await createTestApp(target, settings);
  app.jobs = { enqueue: async () => null };
  const folder = `${app.tempDir}/subscriptions`;
  await writeFiles(folder, {
    'a.png': await makePng(1),
    'b.png': await makePng(2),
    'c.png': await makePng(3),
    'manifest.csv': csv(
      ['file', 'study', 'annotation', 'label'],
      [
        ['a.png', 's1', 'LIVER', 'liver'],
        ['b.png', 's1', 'LIVER', 'liver'],
        ['c.png', 's2', 'SPLEEN', 'spleen'],
      ],
    ),
  });
  const report = await importFolder(app, {
    folder,
    manifestPath: `${folder}/manifest.csv`,
    datasetName: 'live',
  });
  const adminId = await ensureAdminUser(app.database.db);
  const admin = (await createApiToken(app.database.db, { userId: adminId, name: 't' })).token;
  const [readerUser] = await app.database.db
    .insert(users)
    .values({ email: 'reader@example.org', name: 'R', role: 'READER' })
    .returning();
  const reader = (await createApiToken(app.database.db, { userId: readerUser!.id, name: 't' })).token;
  const server = await startServer(app, { port: 0, host: '127.0.0.1' });
  return { app, server, admin, reader, datasetId: report.datasetId };
}

/** A web app origin listed in LOUPE_WEB_ORIGINS, on another host than the API. */
const WEB_ORIGIN = 'https://loupe.example.org';
const WEB_USER = { email: 'web@example.org', password: 'web user password' };

/** A WebSocket whose upgrade request carries these headers, as a browser sends its Origin and cookies. */
const socketWithHeaders = (headers: Record<string, string>) =>
  class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  };

const LABEL_CHANGED =
  'subscription($id: ID!) { labelChanged(datasetId: $id) { dataset { name } images { id currentLabel { source category { name } } } } }';

describe.each(testDatabaseTargets())('subscriptions on $name', (target) => {
  let app: TestApp;
  let server: RunningServer;
  let admin: string;
  let reader: string;
  let datasetId: string;
  let clients: Client[] = [];

  const wsUrl = () => `${server.url.replace('http', 'ws')}/graphql`;
  const connect = (token: string | undefined, options: Partial<Parameters<typeof createClient>[0]> = {}) => {
    const client = createClient({
      url: wsUrl(),
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
      ...options,
    });
    clients.push(client);
    return client;
  };
  const gql = async (query: string, variables: object = {}) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
  };
  /** Signs the web user in over HTTP; the `loupe_session=…` pair a browser would send back. */
  const signInCookie = async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { role } }',
        variables: { e: WEB_USER.email, p: WEB_USER.password },
      }),
    });
    const cookie = response.headers.get('set-cookie')?.split(';')[0];
    expect(cookie).toMatch(/^loupe_session=loupe_/);
    return cookie!;
  };
  /** A client that sends no token, only what a browser page sends: its cookie and its Origin (if any). */
  const connectAsBrowser = (cookie: string, origin?: string) =>
    connect(undefined, {
      webSocketImpl: socketWithHeaders({ cookie, ...(origin ? { origin } : {}) }),
    });
  const subscribers = (n: number) => waitFor(`${n} subscribers`, () => app.events?.subscriberCount() === n);
  const imageAndCategory = async () => {
    const page = await gql(
      'query($id: ID!) { dataset(id: $id) { categories { id name } studies(first: 5) { edges { node { images(first: 5) { edges { node { id } } } } } } } }',
      { id: gid('Dataset', datasetId) },
    );
    const spleen = (page.data.dataset.categories as { id: string; name: string }[]).find(
      (category) => category.name === 'spleen',
    )!;
    const imageId = page.data.dataset.studies.edges[0].node.images.edges[0].node.id as string;
    return { imageId, spleenId: spleen.id };
  };

  beforeAll(async () => {
    ({ app, server, admin, reader, datasetId } = await serveFixture(target, { webOrigins: [WEB_ORIGIN] }));
    await createUser(app.database.db, { ...WEB_USER, name: 'Web', role: 'ANNOTATOR' });
  }, 120_000);
  afterEach(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    clients = [];
    await subscribers(0);
  });
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it('hands a label to 20 subscribed clients, each with the image as it is now', async () => {
    const all = Array.from({ length: 20 }, () =>
      listen(connect(admin), LABEL_CHANGED, { id: gid('Dataset', datasetId) }),
    );
    await subscribers(20);
    const { imageId, spleenId } = await imageAndCategory();
    const labelled = await gql(
      'mutation($i: ID!, $c: ID) { labelImage(imageId: $i, categoryId: $c) { id } }',
      {
        i: imageId,
        c: spleenId,
      },
    );
    expect(labelled.errors).toBeUndefined();
    await waitFor('every client to hear of the label', () => all.every((one) => one.data.length === 1));
    for (const one of all) {
      expect(one.errors).toEqual([]);
      expect(one.data[0].labelChanged).toEqual({
        dataset: { name: 'live' },
        images: [{ id: imageId, currentLabel: { source: 'ANNOTATOR', category: { name: 'spleen' } } }],
      });
    }
    await gql('mutation($i: ID!) { undoLabel(imageId: $i) { id } }', { i: imageId });
    await waitFor('every client to hear of the undo', () => all.every((one) => one.data.length === 2));
    expect(all[0]!.data[1].labelChanged.images[0].currentLabel.category.name).not.toBe('spleen');
  });

  it('keeps a client receiving after its connection dropped and it reconnected', async () => {
    const sockets: WebSocket[] = [];
    const client = connect(admin, {
      retryAttempts: 5,
      retryWait: () => new Promise((resolve) => setTimeout(resolve, 50)),
      shouldRetry: () => true,
      on: { connected: (socket) => void sockets.push(socket as WebSocket) },
    });
    const received = listen(client, LABEL_CHANGED, { id: gid('Dataset', datasetId) });
    await subscribers(1);
    const { imageId, spleenId } = await imageAndCategory();
    const label = 'mutation($i: ID!, $c: ID) { labelImage(imageId: $i, categoryId: $c) { id } }';
    await gql(label, { i: imageId, c: spleenId });
    await waitFor('the first label', () => received.data.length === 1);

    sockets[0]!.terminate();
    await waitFor('a second connection', () => sockets.length === 2);
    await subscribers(1);
    await gql(label, { i: imageId, c: null });
    await waitFor('the label after the reconnect', () => received.data.length === 2);
    expect(received.data[1].labelChanged.images[0].currentLabel.category).toBeNull();
    expect(received.errors).toEqual([]);
  });

  it('refuses connections without a token that may read, and subscriptions once the token is revoked', async () => {
    const closeCode = async (token: string | undefined) => {
      const received = listen(connect(token), LABEL_CHANGED, { id: gid('Dataset', datasetId) });
      await waitFor('the connection to close', () => received.errors.length > 0);
      expect(received.data).toEqual([]);
      return received.errors[0]?.message;
    };
    expect(await closeCode(undefined)).toBe('4403');
    expect(await closeCode('loupe_forged')).toBe('4403');
    expect(await closeCode(reader)).toBe('4403');
    expect(app.events?.subscriberCount()).toBe(0);

    const revocable = await createApiToken(app.database.db, {
      userId: await ensureAdminUser(app.database.db),
      name: 'revoked while connected',
    });
    const client = connect(revocable.token);
    const first = listen(client, LABEL_CHANGED, { id: gid('Dataset', datasetId) });
    await subscribers(1);
    await app.database.db
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(eq(apiTokens.id, revocable.id));
    const second = listen(client, LABEL_CHANGED, { id: gid('Dataset', datasetId) });
    await waitFor('the refusal', () => second.errors.length > 0);
    expect(second.errors[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(first.errors).toEqual([]);
    expect(app.events?.subscriberCount()).toBe(1);
  });

  it("signs a browser in by its session cookie from a page on the API's host or a listed origin", async () => {
    const cookie = await signInCookie();
    const apiPort = new URL(server.url).port;
    const origins = ['http://127.0.0.1:3000', `http://127.0.0.1:${apiPort}`, WEB_ORIGIN];
    const all = origins.map((origin) =>
      listen(connectAsBrowser(cookie, origin), LABEL_CHANGED, { id: gid('Dataset', datasetId) }),
    );
    await subscribers(origins.length);
    const { imageId, spleenId } = await imageAndCategory();
    await gql('mutation($i: ID!, $c: ID) { labelImage(imageId: $i, categoryId: $c) { id } }', {
      i: imageId,
      c: spleenId,
    });
    await waitFor('every page to hear of the label', () => all.every((one) => one.data.length === 1));
    for (const one of all) {
      expect(one.errors).toEqual([]);
      expect(one.data[0].labelChanged.images).toEqual([
        { id: imageId, currentLabel: { source: 'ANNOTATOR', category: { name: 'spleen' } } },
      ]);
    }
  });

  it('refuses the session cookie from a foreign page, from a request without Origin, and beside a bad token', async () => {
    const cookie = await signInCookie();
    const closeCode = async (client: Client) => {
      const received = listen(client, LABEL_CHANGED, { id: gid('Dataset', datasetId) });
      await waitFor('the connection to close', () => received.errors.length > 0);
      expect(received.data).toEqual([]);
      return received.errors[0]?.message;
    };
    expect(await closeCode(connectAsBrowser(cookie, 'https://evil.example'))).toBe('4403');
    expect(await closeCode(connectAsBrowser(cookie, 'http://localhost:3000'))).toBe('4403');
    expect(await closeCode(connectAsBrowser(cookie, 'http://loupe.example.org'))).toBe('4403');
    expect(await closeCode(connectAsBrowser(cookie, 'null'))).toBe('4403');
    expect(await closeCode(connectAsBrowser(cookie))).toBe('4403');
    // A token parameter is the credential when given: a bad one is not rescued by the cookie.
    const withBadToken = createClient({
      url: wsUrl(),
      webSocketImpl: socketWithHeaders({ cookie, origin: 'http://127.0.0.1:3000' }),
      connectionParams: { authorization: 'Bearer loupe_forged' },
      retryAttempts: 0,
    });
    clients.push(withBadToken);
    expect(await closeCode(withBadToken)).toBe('4403');
    // A script's API token is no web session, even from an allowed page.
    expect(await closeCode(connectAsBrowser(`loupe_session=${admin}`, 'http://127.0.0.1:3000'))).toBe('4403');
    expect(app.events?.subscriberCount()).toBe(0);
    // The same cookie from an allowed page is accepted: the Origin alone made the difference.
    listen(connectAsBrowser(cookie, 'http://127.0.0.1:3000'), LABEL_CHANGED, {
      id: gid('Dataset', datasetId),
    });
    await subscribers(1);
  });

  it('refuses subscriptions once the web session is signed out or has expired', async () => {
    const [signedOut, expiring] = [await signInCookie(), await signInCookie()];
    const origin = 'http://127.0.0.1:3000';
    const connections = [signedOut, expiring].map((cookie) => {
      const client = connectAsBrowser(cookie, origin);
      return { client, first: listen(client, LABEL_CHANGED, { id: gid('Dataset', datasetId) }) };
    });
    await subscribers(2);
    const signOut = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: signedOut },
      body: JSON.stringify({ query: 'mutation { signOut }' }),
    });
    expect(((await signOut.json()) as { data?: unknown }).data).toEqual({ signOut: true });
    const expiringToken = expiring.slice(expiring.indexOf('=') + 1);
    await app.database.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.tokenHash, hashToken(expiringToken)));
    for (const { client, first } of connections) {
      const second = listen(client, LABEL_CHANGED, { id: gid('Dataset', datasetId) });
      await waitFor('the refusal', () => second.errors.length > 0);
      expect(second.errors[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(second.data).toEqual([]);
      expect(first.errors).toEqual([]);
    }
    expect(app.events?.subscriberCount()).toBe(2);
    // A new connection with either cookie is refused outright.
    for (const cookie of [signedOut, expiring]) {
      const received = listen(connectAsBrowser(cookie, origin), LABEL_CHANGED, {
        id: gid('Dataset', datasetId),
      });
      await waitFor('the connection to close', () => received.errors.length > 0);
      expect(received.errors[0]?.message).toBe('4403');
    }
  });

  it('answers bad subscriptions with typed errors and keeps nothing open for them', async () => {
    const labelsBefore = await app.database.db.select({ n: count() }).from(labels);
    const client = connect(admin);
    const errorCode = async (query: string, variables: object = {}) => {
      const received = listen(client, query, variables);
      await waitFor('an error', () => received.errors.length > 0);
      return received.errors[0]?.extensions?.code;
    };
    const byId = 'subscription($id: ID!) { labelChanged(datasetId: $id) { images { id } } }';
    expect(await errorCode(byId, { id: 'nonsense' })).toBe('BAD_INPUT');
    expect(await errorCode(byId, {})).toBe('BAD_USER_INPUT');
    expect(await errorCode(byId, { id: { nested: true } })).toBe('BAD_USER_INPUT');
    expect(await errorCode(byId, { id: gid('Dataset', randomUUID()) })).toBe('NOT_FOUND');
    expect(await errorCode(byId, { id: gid('Image', datasetId) })).toBe('BAD_INPUT');
    expect(await errorCode('subscription { labelChanged { images { id } } }')).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
    expect(await errorCode('{ health { ok } }')).toBe('BAD_REQUEST');
    const nested =
      'study { dataset { studies(first: 1) { edges { node { images(first: 1) { edges { node { '.repeat(2);
    expect(
      await errorCode(
        `subscription($id: ID!) { labelChanged(datasetId: $id) { images { ${nested} id ${'} } } } } } } }'.repeat(2)} } } }`,
        { id: gid('Dataset', datasetId) },
      ),
    ).toBe('GRAPHQL_VALIDATION_FAILED');
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: id`).join(' ');
    expect(
      await errorCode(`subscription($id: ID!) { labelChanged(datasetId: $id) { images { ${aliases} } } }`, {
        id: gid('Dataset', datasetId),
      }),
    ).toBe('TOO_MANY_ALIASES');
    await subscribers(0);

    const open = Array.from({ length: SUBSCRIPTION_LIMITS.perConnection }, () =>
      listen(client, byId, { id: gid('Dataset', datasetId) }),
    );
    await subscribers(SUBSCRIPTION_LIMITS.perConnection);
    expect(await errorCode(byId, { id: gid('Dataset', datasetId) })).toBe('TOO_MANY_SUBSCRIPTIONS');
    expect(app.events?.subscriberCount()).toBe(SUBSCRIPTION_LIMITS.perConnection);
    for (const one of open) one.stop();
    await subscribers(0);
    const overHttp = await gql(byId, { id: gid('Dataset', datasetId) });
    expect(overHttp.errors?.[0]?.extensions?.code).toBe('BAD_INPUT');
    expect(await app.database.db.select({ n: count() }).from(labels)).toEqual(labelsBefore);
  });

  it('closes subscribers and stops listening when the server stops', async () => {
    const own = await serveFixture(target);
    const client = createClient({
      url: `${own.server.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${own.admin}` },
      retryAttempts: 0,
    });
    try {
      const received = listen(client, LABEL_CHANGED, { id: gid('Dataset', own.datasetId) });
      await waitFor('the subscription', () => own.app.events?.subscriberCount() === 1);
      const events = own.app.events!;
      await own.server.close();
      await waitFor('the close', () => received.errors.length > 0);
      expect(received.errors[0]?.message).toBe('1001');
      expect(events.subscriberCount()).toBe(0);
      expect(own.app.events).toBeUndefined();
      if (own.app.database.kind === 'postgres') {
        const { rows } = await own.app.database.executeSql(
          `select count(*)::int as n from pg_stat_activity where application_name = 'loupe-listen' and datname = current_database()`,
        );
        expect(rows[0]?.n).toBe(0);
      }
    } finally {
      await client.dispose();
      await own.app.close();
    }
  });
});

describe.each(testDatabaseTargets().filter((target) => target.name === 'postgres'))(
  'subscriptions across processes on $name',
  (target) => {
    it('hands subscribers an event that another process published on its own connection', async () => {
      const { app, server, admin, datasetId } = await serveFixture(target);
      const worker = await openDatabase({
        databaseUrl: app.database.databaseUrl,
        migrate: false,
        maxConnections: 1,
      });
      const client = createClient({
        url: `${server.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${admin}` },
        retryAttempts: 0,
      });
      try {
        const received = listen(
          client,
          'subscription($id: ID!) { jobProgress(datasetId: $id) { kind state progress } }',
          { id: gid('Dataset', datasetId) },
        );
        await waitFor('the subscription', () => app.events?.subscriberCount() === 1);
        await recordQueuedJob(worker.db, { queueJobId: randomUUID(), kind: 'embed', datasetId });
        await waitFor('the job event', () => received.data.length === 1);
        expect(received.data[0].jobProgress).toEqual({ kind: 'embed', state: 'QUEUED', progress: 0 });
      } finally {
        await client.dispose();
        await worker.close();
        await server.close();
        await app.close();
      }
    }, 120_000);
  },
);

describe.each(testDatabaseTargets())('training over subscriptions on $name', (target) => {
  it('streams a retrain: its job progress, the new model version, and the queue it changes', async () => {
    const app = await createTestApp(target, { embeddingWorkers: 0, tfBackend: 'wasm' });
    const folder = await mkdtemp(join(tmpdir(), 'loupe-live-'));
    await writeDataset(
      folder,
      generateDataset({
        seed: 8,
        studies: 8,
        imagesPerStudy: 2,
        categories: ['liver', 'spleen'],
        difficulty: 0.2,
      }),
    );
    // Every third image without its label, so the review queue has images to hand out.
    const lines = (await readFile(join(folder, 'manifest.csv'), 'utf8')).trim().split('\n');
    const partial = lines.map((line, index) =>
      index > 0 && index % 3 === 0 ? line.replace(/,[a-z ]+,("[0-9,]+")$/, ',,$1') : line,
    );
    await writeFile(join(folder, 'partial.csv'), `${partial.join('\n')}\n`);
    const report = await importFolder(app, {
      folder,
      manifestPath: join(folder, 'partial.csv'),
      datasetName: 'trained live',
    });
    const admin = (
      await createApiToken(app.database.db, { userId: await ensureAdminUser(app.database.db), name: 't' })
    ).token;
    const server = await startServer(app, { port: 0, host: '127.0.0.1' });
    const jobs = await attachJobs(app, { runWorker: true });
    const client = createClient({
      url: `${server.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${admin}` },
      retryAttempts: 0,
    });
    const gql = async (query: string, variables: object): Promise<any> => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ query, variables }),
      });
      return ((await response.json()) as { data?: unknown }).data;
    };
    try {
      const id = gid('Dataset', report.datasetId);
      const progress = listen(
        client,
        'subscription($id: ID!) { jobProgress(datasetId: $id) { kind state progress } }',
        {
          id,
        },
      );
      const versions = listen(
        client,
        'subscription($id: ID!) { modelVersionCreated(datasetId: $id) { version dataset { name } } }',
        { id },
      );
      const queue = listen(
        client,
        'subscription($id: ID!) { queueChanged(datasetId: $id) { reason modelVersion { version } images { id } } }',
        { id },
      );
      await waitFor('three subscriptions', () => app.events?.subscriberCount() === 3);
      expect(await gql('mutation($id: ID!) { requestRetrain(datasetId: $id) }', { id })).toEqual({
        requestRetrain: true,
      });
      await waitFor('the finished job', () =>
        progress.data.some((event) => event.jobProgress.state === 'SUCCEEDED'),
      );
      const states = progress.data.map((event) => event.jobProgress);
      const order = ['QUEUED', 'RUNNING', 'SUCCEEDED'];
      expect(states.length).toBeGreaterThanOrEqual(2);
      expect(states.every((job) => job.kind === 'retrain')).toBe(true);
      expect(states.map((job) => order.indexOf(job.state))).toEqual(
        states.map((job) => order.indexOf(job.state)).sort((a, b) => a - b),
      );
      expect(states.at(-1)).toEqual({ kind: 'retrain', state: 'SUCCEEDED', progress: 1 });
      await waitFor('the new version', () => versions.data.length === 1 && queue.data.length === 1);
      expect(versions.data[0].modelVersionCreated).toEqual({ version: 1, dataset: { name: 'trained live' } });
      expect(queue.data[0].queueChanged).toEqual({
        reason: 'MODEL_VERSION',
        modelVersion: { version: 1 },
        images: [],
      });

      const taken = (
        await gql(
          'mutation($id: ID!) { takeQueueItems(datasetId: $id, strategy: "RANDOM", count: 2) { image { id } } }',
          {
            id,
          },
        )
      ).takeQueueItems as { image: { id: string } }[];
      expect(taken.length).toBe(2);
      await waitFor('the lease', () => queue.data.length === 2);
      expect(queue.data[1].queueChanged.reason).toBe('LEASED');
      const leased = (queue.data[1].queueChanged.images as { id: string }[]).map((image) => image.id);
      expect(leased).toEqual(expect.arrayContaining(taken.map((item) => item.image.id)));
      await gql('mutation($i: ID!) { releaseQueueItem(imageId: $i) }', { i: taken[0]!.image.id });
      await waitFor('the release', () => queue.data.length === 3);
      expect(queue.data[2].queueChanged).toMatchObject({
        reason: 'RELEASED',
        images: [{ id: taken[0]!.image.id }],
      });
      await gql('mutation($ids: [ID!]!) { excludeImages(imageIds: $ids, reason: "duplicate") { id } }', {
        ids: [taken[1]!.image.id],
      });
      const isExclusion = (event: { queueChanged: { reason: string } }) =>
        event.queueChanged.reason === 'EXCLUDED';
      await waitFor('the exclusion', () => queue.data.some(isExclusion));
      expect(queue.data.find(isExclusion).queueChanged).toMatchObject({
        images: [{ id: taken[1]!.image.id }],
      });
      expect([progress, versions, queue].flatMap((one) => one.errors)).toEqual([]);
    } finally {
      await client.dispose();
      await server.close();
      await jobs.stop();
      await app.close();
      await rm(folder, { recursive: true, force: true });
    }
  }, 300_000);
});
