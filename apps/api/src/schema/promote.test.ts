import { modelVersions } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  domainSnapshot,
  type GqlResult,
  gid,
  graphqlClient,
  seedDataset,
  seedModelVersion,
  tokenFor,
} from '../../test/curation-fixtures';
import { createTestApp, type TestApp } from '../../test/test-app';
import { type RunningServer, startServer } from '../server';

const PROMOTE = 'mutation($id: ID!) { promoteModelVersion(id: $id) { id version isPromoted } }';
const STATE = `query($d: ID!) { dataset(id: $d) {
  promotedModelVersion { version } latestModelVersion { version }
  modelVersions { edges { node { version isPromoted } } }
} }`;

describe.each(testDatabaseTargets())('promoting model versions on $name', (target) => {
  let app: TestApp;
  let server: RunningServer;
  let scientist: string;
  let annotator: string;
  let reader: string;
  let datasetId: string;
  let otherDatasetId: string;
  const versionIds: string[] = [];
  const gql = graphqlClient(() => server);

  const promotedIn = async (id: string) =>
    (
      await app.database.db
        .select({ version: modelVersions.version })
        .from(modelVersions)
        .where(and(eq(modelVersions.datasetId, id), eq(modelVersions.isPromoted, true)))
    ).map((row) => row.version);

  const expectRefused = async (code: string, request: () => Promise<GqlResult>) => {
    const before = await domainSnapshot(app.database);
    const result = await request();
    expect(result.errors?.[0]?.extensions?.code).toBe(code);
    expect(result.data?.promoteModelVersion ?? null).toBeNull();
    expect(await domainSnapshot(app.database)).toBe(before);
  };

  beforeAll(async () => {
    app = await createTestApp(target);
    const { db } = app.database;
    const scientistUser = await tokenFor(db, 'DATA_SCIENTIST');
    scientist = scientistUser.token;
    annotator = (await tokenFor(db, 'ANNOTATOR')).token;
    reader = (await tokenFor(db, 'READER')).token;
    const seeded = await seedDataset(db, {
      name: 'models',
      categories: ['liver'],
      images: [],
      authorId: scientistUser.userId,
    });
    datasetId = seeded.datasetId;
    for (const version of [1, 2, 3]) versionIds.push((await seedModelVersion(db, datasetId, version)).id);
    const other = await seedDataset(db, {
      name: 'other',
      categories: [],
      images: [],
      authorId: scientistUser.userId,
    });
    otherDatasetId = other.datasetId;
    const foreign = await seedModelVersion(db, otherDatasetId, 1);
    await db.update(modelVersions).set({ isPromoted: true }).where(eq(modelVersions.id, foreign.id));
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it('promotes exactly one version per dataset and leaves other datasets alone', async () => {
    const d = gid('Dataset', datasetId);
    expect((await gql(STATE, { d }, scientist)).data.dataset.promotedModelVersion).toBeNull();
    const first = await gql(PROMOTE, { id: gid('ModelVersion', versionIds[1]!) }, scientist);
    expect(first.data.promoteModelVersion).toEqual({
      id: gid('ModelVersion', versionIds[1]!),
      version: 2,
      isPromoted: true,
    });
    expect(await promotedIn(datasetId)).toEqual([2]);
    await gql(PROMOTE, { id: gid('ModelVersion', versionIds[0]!) }, scientist);
    const again = await gql(PROMOTE, { id: gid('ModelVersion', versionIds[0]!) }, scientist);
    expect(again.data.promoteModelVersion.isPromoted).toBe(true);
    const state = (await gql(STATE, { d }, scientist)).data.dataset;
    expect(state.promotedModelVersion).toEqual({ version: 1 });
    // Promotion is a choice people record; the newest version still serves predictions and the queue.
    expect(state.latestModelVersion).toEqual({ version: 3 });
    expect(state.modelVersions.edges.map((edge: any) => edge.node)).toEqual([
      { version: 3, isPromoted: false },
      { version: 2, isPromoted: false },
      { version: 1, isPromoted: true },
    ]);
    expect(await promotedIn(otherDatasetId)).toEqual([1]);
  });

  it('refuses unknown or malformed ids and viewers who may not train, changing nothing', async () => {
    const id = gid('ModelVersion', versionIds[2]!);
    await expectRefused('NOT_FOUND', () => gql(PROMOTE, { id: gid('ModelVersion', datasetId) }, scientist));
    await expectRefused('BAD_INPUT', () => gql(PROMOTE, { id: gid('Dataset', datasetId) }, scientist));
    await expectRefused('BAD_INPUT', () => gql(PROMOTE, { id: 'nope' }, scientist));
    await expectRefused('FORBIDDEN', () => gql(PROMOTE, { id }, annotator));
    await expectRefused('FORBIDDEN', () => gql(PROMOTE, { id }, reader));
    await expectRefused('UNAUTHENTICATED', () => gql(PROMOTE, { id }));
    expect(await promotedIn(datasetId)).toEqual([1]);
  });
});
