import { datasets } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  gid,
  graphqlClient,
  recordJobs,
  refusalCheck,
  seedDataset,
  tokenFor,
} from '../../test/curation-fixtures';
import { createTestApp, type TestApp } from '../../test/test-app';
import { type RunningServer, startServer } from '../server';

const READ = `query($d: ID!) { dataset(id: $d) {
  trainingSettings { head hyperparameters customHyperparameters }
} }`;
const UPDATE = `mutation($d: ID!, $head: HeadKind, $hp: JSON) {
  updateTrainingSettings(datasetId: $d, head: $head, hyperparameters: $hp) {
    trainingSettings { head hyperparameters customHyperparameters }
  }
}`;

describe.each(testDatabaseTargets())('a dataset’s training settings on $name', (target) => {
  let app: TestApp;
  let server: RunningServer;
  let scientist: string;
  let annotator: string;
  let reader: string;
  let datasetId: string;
  const enqueued: string[] = [];
  const gql = graphqlClient(() => server);
  const expectRefused = refusalCheck(() => app.database, enqueued);
  const stored = async () =>
    (await app.database.db.select().from(datasets).where(eq(datasets.id, datasetId)))[0]!.trainingSettings;

  beforeAll(async () => {
    app = await createTestApp(target);
    recordJobs(app, enqueued);
    const user = await tokenFor(app.database.db, 'DATA_SCIENTIST');
    scientist = user.token;
    annotator = (await tokenFor(app.database.db, 'ANNOTATOR')).token;
    reader = (await tokenFor(app.database.db, 'READER')).token;
    const seeded = await seedDataset(app.database.db, {
      name: 'settings',
      categories: ['liver'],
      images: [],
      authorId: user.userId,
    });
    datasetId = seeded.datasetId;
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it('reads the defaults, then the settings a data scientist chose; a change asks for one retrain', async () => {
    const d = gid('Dataset', datasetId);
    const defaults = (await gql(READ, { d }, annotator)).data.dataset.trainingSettings;
    expect(defaults).toMatchObject({
      head: 'LINEAR',
      customHyperparameters: {},
      hyperparameters: { learningRate: 0.001, maxEpochs: 30, hiddenUnits: [256], isClassBalanced: true },
    });

    enqueued.length = 0;
    const mlp = await gql(UPDATE, { d, head: 'MLP', hp: { hiddenUnits: [64], dropout: 0.3 } }, scientist);
    expect(mlp.errors).toBeUndefined();
    expect(mlp.data.updateTrainingSettings.trainingSettings).toMatchObject({
      head: 'MLP',
      customHyperparameters: { hiddenUnits: [64], dropout: 0.3 },
      hyperparameters: { hiddenUnits: [64], dropout: 0.3, maxEpochs: 30 },
    });
    expect(await stored()).toEqual({ head: 'mlp', hyperparameters: { hiddenUnits: [64], dropout: 0.3 } });
    expect(enqueued).toEqual(['retrain:training settings changed']);

    // Left out: kept. The same settings again: no change, no retrain.
    enqueued.length = 0;
    const same = await gql(UPDATE, { d, head: 'MLP' }, scientist);
    expect(same.data.updateTrainingSettings.trainingSettings.customHyperparameters).toEqual({
      hiddenUnits: [64],
      dropout: 0.3,
    });
    expect(enqueued).toEqual([]);

    // Only the learning rate, then back to the defaults with the linear head.
    await gql(UPDATE, { d, hp: { learningRate: 0.01 } }, scientist);
    expect(await stored()).toEqual({ head: 'mlp', hyperparameters: { learningRate: 0.01 } });
    const back = await gql(UPDATE, { d, head: 'LINEAR', hp: {} }, scientist);
    expect(back.data.updateTrainingSettings.trainingSettings).toMatchObject({
      head: 'LINEAR',
      customHyperparameters: {},
    });
    expect(await stored()).toEqual({ head: 'linear', hyperparameters: {} });
  });

  it('refuses bad, unknown and abusive settings, and who may not train, changing nothing', async () => {
    const d = gid('Dataset', datasetId);
    const update =
      (variables: object, token: string | null = scientist) =>
      () =>
        gql(UPDATE, { d, ...variables }, token);
    for (const [hp, why] of [
      [{ learningRate: -1 }, /learningRate/],
      [{ learningRat: 0.1 }, /learningRat/],
      [{ hiddenUnits: [100_000] }, /hiddenUnits/],
      [{ hiddenUnits: [8, 8, 8, 8, 8] }, /hiddenUnits/],
      [{ maxEpochs: 1e6 }, /maxEpochs/],
      [{ dropout: 1 }, /dropout/],
      [{ isClassBalanced: 'yes' }, /isClassBalanced/],
      [[1, 2], /expected object/i],
      ['fast', /expected object/i],
    ] as const) {
      const refused = await expectRefused('BAD_INPUT', update({ hp }), JSON.stringify(hp));
      expect(refused.errors?.[0]?.message).toMatch(why);
    }
    await expectRefused('BAD_USER_INPUT', update({ head: 'CNN' }), 'an unknown head');
    await expectRefused('NOT_FOUND', () =>
      gql(UPDATE, { d: gid('Dataset', '00000000-0000-4000-8000-000000000000'), head: 'MLP' }, scientist),
    );
    await expectRefused('BAD_INPUT', () =>
      gql(UPDATE, { d: gid('Image', datasetId), head: 'MLP' }, scientist),
    );
    await expectRefused('FORBIDDEN', update({ head: 'MLP' }, annotator), 'an annotator');
    await expectRefused('FORBIDDEN', update({ head: 'MLP' }, reader), 'a reader');
    await expectRefused('UNAUTHENTICATED', update({ head: 'MLP' }, null), 'no token');
    expect((await gql(READ, { d }, reader)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
