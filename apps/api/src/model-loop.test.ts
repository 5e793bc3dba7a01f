import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { users } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { generateDataset, writeDataset } from '@loupe/ml/synthetic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app';
import { createApiToken, ensureAdminUser } from './auth/api-tokens';
import { type AttachedJobs, attachJobs } from './jobs/attach-jobs';
import { importFolder } from './operations/import-folder';
import { type RunningServer, startServer } from './server';

const [pglite] = testDatabaseTargets();

type GraphQLResult = {
  data?: Record<string, any>;
  errors?: { message: string; extensions?: { code?: string } }[];
};

describe('the model in the loop, over GraphQL', () => {
  let app: TestApp;
  let jobs: AttachedJobs;
  let server: RunningServer;
  let adminToken: string;
  let annotatorToken: string;
  let datasetId: string;

  const gql = async (
    query: string,
    variables: object = {},
    token: string | undefined = adminToken,
  ): Promise<GraphQLResult> => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResult;
  };
  const latestVersion = async () =>
    (
      await gql(
        'query($id: ID!) { dataset(id: $id) { latestModelVersion { version metrics { accuracy top2Accuracy testImageCount } } } }',
        { id: datasetId },
      )
    ).data?.dataset?.latestModelVersion as {
      version: number;
      metrics: { accuracy: number | null; testImageCount: number };
    } | null;
  const waitForVersion = async (version: number) => {
    for (let i = 0; i < 240; i += 1) {
      const latest = await latestVersion();
      if (latest && latest.version >= version) return latest;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`no model version ${version}`);
  };

  /** Until no retrain of the dataset is queued or running. */
  const waitForIdleTraining = async () => {
    for (let i = 0; i < 240; i += 1) {
      const jobs = (
        await gql(
          'query($id: ID!) { dataset(id: $id) { jobs(first: 50) { edges { node { kind state } } } } }',
          {
            id: datasetId,
          },
        )
      ).data?.dataset.jobs.edges.map((edge: { node: object }) => edge.node) as {
        kind: string;
        state: string;
      }[];
      if (!jobs.some((job) => job.kind === 'retrain' && (job.state === 'QUEUED' || job.state === 'RUNNING')))
        return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error('training did not settle');
  };

  beforeAll(async () => {
    app = await createTestApp(pglite!, { embeddingWorkers: 0, tfBackend: 'wasm' });
    const folder = await mkdtemp(join(tmpdir(), 'loupe-loop-'));
    await writeDataset(
      folder,
      generateDataset({
        seed: 5,
        studies: 14,
        imagesPerStudy: 3,
        categories: ['liver', 'bladder', 'gallbladder'],
        difficulty: 0.2,
      }),
    );
    // Label two thirds of the images; the rest wait in the review queue.
    const lines = (await readFile(join(folder, 'manifest.csv'), 'utf8')).trim().split('\n');
    const manifestPath = join(folder, 'partial.csv');
    await writeFile(
      manifestPath,
      `${lines.map((line, index) => (index > 0 && index % 3 === 0 ? line.replace(/,[a-z ]+,("[0-9,]+")$/, ',,$1') : line)).join('\n')}\n`,
    );
    const report = await importFolder(app, { folder, manifestPath, datasetName: 'loop' });
    datasetId = Buffer.from(`Dataset:${report.datasetId}`).toString('base64url');
    const adminId = await ensureAdminUser(app.database.db);
    adminToken = (await createApiToken(app.database.db, { userId: adminId, name: 'test' })).token;
    const [annotator] = await app.database.db
      .insert(users)
      .values({ email: 'ann@example.org', name: 'Ann', role: 'ANNOTATOR' })
      .returning();
    annotatorToken = (await createApiToken(app.database.db, { userId: annotator!.id, name: 'test' })).token;
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    jobs = await attachJobs(app, { runWorker: true });
  }, 240_000);

  afterAll(async () => {
    await server?.close();
    await jobs?.stop();
    await app?.close();
  });

  it('trains on request, serves a leased review queue, and retrains after a label', async () => {
    expect(
      (await gql('mutation($id: ID!) { requestRetrain(datasetId: $id) }', { id: datasetId })).data
        ?.requestRetrain,
    ).toBe(true);
    const first = await waitForVersion(1);
    expect(first.metrics.accuracy).not.toBeNull();
    const seen = (
      await gql(
        'query($id: ID!) { dataset(id: $id) { latestModelVersion { trainingLabelCount trainingLabelIds split hasPredictions } } }',
        {
          id: datasetId,
        },
      )
    ).data?.dataset.latestModelVersion;
    expect(seen.trainingLabelIds).toHaveLength(seen.trainingLabelCount);
    expect(seen.split.unit).toBe('study');
    expect(seen.hasPredictions).toBe(true);

    const take =
      'mutation($id: ID!, $s: String!) { takeQueueItems(datasetId: $id, strategy: $s, count: 4) { image { id } reason margin top1 { category { name } probability } } }';
    const mine = (await gql(take, { id: datasetId, s: 'MARGIN' })).data?.takeQueueItems as {
      image: { id: string };
      reason: string;
    }[];
    expect(mine.length).toBe(4);
    expect(mine[0]?.reason).toMatch(/margin/);
    const theirs = (await gql(take, { id: datasetId, s: 'MARGIN' }, annotatorToken)).data?.takeQueueItems as {
      image: { id: string };
    }[];
    const overlap = theirs.filter((item) => mine.some((other) => other.image.id === item.image.id));
    expect(overlap).toEqual([]);

    const [item] = mine;
    const categories = (
      await gql('query($id: ID!) { dataset(id: $id) { categories { id name } } }', { id: datasetId })
    ).data?.dataset.categories as { id: string }[];
    const labelled = await gql(
      'mutation($i: ID!, $c: ID) { labelImage(imageId: $i, categoryId: $c) { currentLabel { source category { id } } labelHistory { source } } }',
      { i: item!.image.id, c: categories[0]!.id },
      annotatorToken,
    );
    expect(labelled.data?.labelImage.currentLabel.source).toBe('ANNOTATOR');
    expect(labelled.data?.labelImage.labelHistory.length).toBeGreaterThanOrEqual(1);
    const second = await waitForVersion(2);
    expect(second.version).toBeGreaterThanOrEqual(2);

    const undone = await gql(
      'mutation($i: ID!) { undoLabel(imageId: $i) { currentLabel { source } labelHistory { isUndo } } }',
      { i: item!.image.id },
      annotatorToken,
    );
    expect(undone.data?.undoLabel.labelHistory[0].isUndo).toBe(true);

    // Every object with an id comes back from node(id:) as itself.
    const ids = (
      await gql(
        `query($id: ID!, $i: ID!) {
          dataset(id: $id) { id latestModelVersion { id } jobs(first: 1) { edges { node { id } } } categories { id }
            studies(first: 1) { edges { node { id } } } }
          image(id: $i) { id currentLabel { id } labelHistory { id } }
        }`,
        { id: datasetId, i: item!.image.id },
      )
    ).data!;
    const expected: [string, string][] = [
      [ids.dataset.id, 'Dataset'],
      [ids.dataset.latestModelVersion.id, 'ModelVersion'],
      [ids.dataset.jobs.edges[0].node.id, 'Job'],
      [ids.dataset.categories[0].id, 'Category'],
      [ids.dataset.studies.edges[0].node.id, 'Study'],
      [ids.image.id, 'Image'],
      [ids.image.labelHistory[0].id, 'LabelEvent'],
      [ids.image.currentLabel.id, 'LabelEvent'],
    ];
    for (const [id, typename] of expected) {
      const found = await gql('query($id: ID!) { node(id: $id) { __typename id } }', { id });
      expect(found.data?.node, typename).toEqual({ __typename: typename, id });
    }
  }, 240_000);

  it('coalesces a storm of labels into a handful of training runs', async () => {
    const before = (await latestVersion())!.version;
    const page = await gql(
      'query($id: ID!) { dataset(id: $id) { categories { id } studies(first: 14) { edges { node { images(first: 3) { edges { node { id } } } } } } } }',
      { id: datasetId },
    );
    const categoryIds = (page.data!.dataset.categories as { id: string }[]).map((category) => category.id);
    const imageIds = (page.data!.dataset.studies.edges as any[]).flatMap((edge) =>
      edge.node.images.edges.map((image: any) => image.node.id as string),
    );
    const label = 'mutation($i: ID!, $c: ID) { labelImage(imageId: $i, categoryId: $c) { id } }';
    await Promise.all(
      imageIds.map((imageId, index) =>
        gql(label, { i: imageId, c: categoryIds[index % categoryIds.length] }, annotatorToken),
      ),
    );
    await waitForIdleTraining();
    const after = (await latestVersion())!.version;
    expect(imageIds.length).toBe(42);
    expect(after).toBeGreaterThan(before);
    expect(after - before).toBeLessThanOrEqual(4);
  }, 240_000);

  it('leaves excluded images out of the next version (not trained on, evaluated or predicted), and takes them back', async () => {
    await waitForIdleTraining();
    const before = (await latestVersion())!.version;
    const pick = await gql(
      `query($id: ID!) { dataset(id: $id) {
        images(first: 2, filter: { labelled: true, split: TRAIN }) { edges { node { id currentLabel { id } } } }
        test: images(first: 1, filter: { labelled: true, split: TEST }) { edges { node { id } } } } }`,
      { id: datasetId },
    );
    const picked = pick.data!.dataset.images.edges.map((edge: { node: object }) => edge.node) as {
      id: string;
      currentLabel: { id: string };
    }[];
    expect(picked).toHaveLength(2);
    const testImage = pick.data!.dataset.test.edges[0].node.id as string;
    const ids = [...picked.map((image) => image.id), testImage];
    const labelIds = picked.map((image) => image.currentLabel.id);
    const testCount = async () => (await latestVersion())!.metrics.testImageCount;
    const testedBefore = await testCount();
    const excluded = await gql(
      'mutation($ids: [ID!]!) { excludeImages(imageIds: $ids, reason: "wrong anatomy") { id exclusion { reason } } }',
      { ids },
      annotatorToken,
    );
    expect(excluded.data?.excludeImages).toEqual(
      ids.map((id) => ({ id, exclusion: { reason: 'wrong anatomy' } })),
    );
    await waitForIdleTraining();
    const state = async () =>
      (
        await gql(
          `query($id: ID!, $a: ID!, $b: ID!, $c: ID!) {
            dataset(id: $id) { latestModelVersion { version trainingLabelIds } }
            a: image(id: $a) { prediction { modelVersion { version } } }
            b: image(id: $b) { prediction { modelVersion { version } } }
            c: image(id: $c) { prediction { modelVersion { version } } } }`,
          { id: datasetId, a: ids[0], b: ids[1], c: ids[2] },
        )
      ).data!;
    const out = await state();
    const outVersion = out.dataset.latestModelVersion.version as number;
    expect(outVersion).toBeGreaterThan(before);
    for (const labelId of labelIds)
      expect(out.dataset.latestModelVersion.trainingLabelIds).not.toContain(labelId);
    expect(await testCount()).toBe(testedBefore - 1);
    for (const image of [out.a, out.b, out.c])
      expect(image.prediction?.modelVersion.version ?? 0).toBeLessThan(outVersion);

    await gql('mutation($ids: [ID!]!) { includeImages(imageIds: $ids) { id } }', { ids }, annotatorToken);
    await waitForIdleTraining();
    const back = await state();
    const backVersion = back.dataset.latestModelVersion.version as number;
    expect(backVersion).toBeGreaterThan(outVersion);
    for (const labelId of labelIds)
      expect(back.dataset.latestModelVersion.trainingLabelIds).toContain(labelId);
    expect(await testCount()).toBe(testedBefore);
    for (const image of [back.a, back.b, back.c])
      expect(image.prediction.modelVersion.version).toBe(backVersion);
  }, 240_000);

  it('embeds and trains a model after an import that brings labels, without being asked', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'loupe-loop-labelled-'));
    await writeDataset(
      folder,
      generateDataset({
        seed: 6,
        studies: 8,
        imagesPerStudy: 3,
        categories: ['liver', 'spleen'],
        difficulty: 0.2,
      }),
    );
    const report = await importFolder(app, {
      folder,
      manifestPath: join(folder, 'manifest.csv'),
      datasetName: 'loop-labelled',
    });
    expect(report).toMatchObject({ imported: 24, failed: 0 });
    const id = Buffer.from(`Dataset:${report.datasetId}`).toString('base64url');
    let state: { latestModelVersion: { version: number; trainingLabelCount: number } | null; jobs: any };
    for (let i = 0; ; i += 1) {
      state = (
        await gql(
          `query($id: ID!) { dataset(id: $id) { latestModelVersion { version trainingLabelCount }
            jobs(first: 10) { edges { node { kind state message } } } } }`,
          { id },
        )
      ).data!.dataset;
      if (state.latestModelVersion || i >= 240) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(state.latestModelVersion?.version).toBe(1);
    expect(state.latestModelVersion?.trainingLabelCount).toBeGreaterThan(0);
    const kinds = (state.jobs.edges as { node: { kind: string; message: string } }[]).map(
      (edge) => edge.node,
    );
    expect(kinds).toContainEqual(expect.objectContaining({ kind: 'embed' }));
    expect(kinds).toContainEqual(expect.objectContaining({ kind: 'retrain' }));
  }, 240_000);

  it('answers bad requests with typed errors', async () => {
    const unknown = await gql(
      'mutation($id: ID!) { takeQueueItems(datasetId: $id, strategy: "SMART", count: 2) { reason } }',
      { id: datasetId },
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_INPUT');
    expect(unknown.errors?.[0]?.message).toMatch(/MARGIN/);
    const anonymous = await gql(
      'mutation($id: ID!) { requestRetrain(datasetId: $id) }',
      { id: datasetId },
      '',
    );
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const annotatorTrains = await gql(
      'mutation($id: ID!) { requestRetrain(datasetId: $id) }',
      { id: datasetId },
      annotatorToken,
    );
    expect(annotatorTrains.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const badId = await gql('mutation { labelImage(imageId: "nonsense", categoryId: null) { id } }');
    expect(badId.errors?.[0]?.extensions?.code).toBe('BAD_INPUT');
    const forged = await gql('{ health { ok } }', {}, 'loupe_forged');
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const info = await gql('{ systemInfo { backend backbone } }');
    expect(info.data?.systemInfo.backend).toBe('wasm');
  });
});
