import { imageExclusions, images, labels } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { parse } from 'csv-parse/sync';
import { asc, eq, inArray } from 'drizzle-orm';
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
import {
  MAX_EXCLUSION_IMAGES,
  MAX_EXCLUSION_REASON_LENGTH,
  setImagesExcluded,
} from '../operations/exclude-images';
import { type RunningServer, startServer } from '../server';

const EXCLUDE = `mutation($ids: [ID!]!, $reason: String!) { excludeImages(imageIds: $ids, reason: $reason) {
  id exclusion { reason author } currentLabel { category { name } } } }`;
const INCLUDE = `mutation($ids: [ID!]!, $reason: String) { includeImages(imageIds: $ids, reason: $reason) {
  id exclusion { reason } exclusionHistory { excluded reason author } } }`;
const STATE = `query($id: ID!) { dataset(id: $id) {
  excludedImageCount
  overview { labelledCount labelCounts { category { name } labelledCount } }
  excluded: images(filter: { excluded: true }) { edges { node { id } } }
  inUse: images(filter: { excluded: false }) { totalCount } } }`;

describe.each(testDatabaseTargets())('excluding images on $name', (target) => {
  let app: TestApp;
  let server: RunningServer;
  let annotator: { userId: string; token: string };
  let reader: string;
  let fixture: Awaited<ReturnType<typeof seedDataset>>;
  let other: Awaited<ReturnType<typeof seedDataset>>;
  const enqueued: string[] = [];
  const gql = graphqlClient(() => server);
  const image = (index: number) => gid('Image', fixture.imageIds[index]!);
  const dataset = () => gid('Dataset', fixture.datasetId);
  const expectRefused = refusalCheck(() => app.database, enqueued);

  beforeAll(async () => {
    app = await createTestApp(target);
    recordJobs(app, enqueued);
    const { db } = app.database;
    annotator = await tokenFor(db, 'ANNOTATOR');
    reader = (await tokenFor(db, 'READER')).token;
    fixture = await seedDataset(db, {
      name: 'exclusions',
      categories: ['liver', 'kidney'],
      authorId: annotator.userId,
      images: [
        { label: { category: 'liver', source: 'IMPORT' } },
        { label: { category: 'kidney', source: 'IMPORT' } },
        {},
        { label: { category: 'liver', source: 'IMPORT' } },
      ],
    });
    other = await seedDataset(db, {
      name: 'elsewhere',
      categories: [],
      authorId: annotator.userId,
      images: [{}],
    });
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it('leaves images out with a reason, keeps their labels, and counts and filters them', async () => {
    const before = (await gql(STATE, { id: dataset() }, annotator.token)).data.dataset;
    expect(before).toMatchObject({
      excludedImageCount: 0,
      excluded: { edges: [] },
      inUse: { totalCount: 4 },
    });
    expect(before.overview.labelledCount).toBe(3);

    enqueued.length = 0;
    const result = await gql(
      EXCLUDE,
      { ids: [image(0), image(2), image(0)], reason: '  Not diagnostic  ' },
      annotator.token,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.excludeImages).toEqual([
      {
        id: image(0),
        exclusion: { reason: 'Not diagnostic', author: annotator.userId },
        currentLabel: { category: { name: 'liver' } },
      },
      { id: image(2), exclusion: { reason: 'Not diagnostic', author: annotator.userId }, currentLabel: null },
    ]);
    expect(enqueued).toEqual(['retrain:images excluded']);

    const after = (await gql(STATE, { id: dataset() }, annotator.token)).data.dataset;
    expect(after.excludedImageCount).toBe(2);
    expect(after.excluded.edges.map((edge: { node: { id: string } }) => edge.node.id).sort()).toEqual(
      [image(0), image(2)].sort(),
    );
    expect(after.inUse.totalCount).toBe(2);
    expect(after.overview.labelledCount).toBe(2);
    expect(after.overview.labelCounts).toEqual([
      { category: { name: 'liver' }, labelledCount: 1 },
      { category: { name: 'kidney' }, labelledCount: 1 },
    ]);
    // The label events are untouched: excluding is not labelling.
    const labelRows = await app.database.db
      .select()
      .from(labels)
      .where(inArray(labels.imageId, [fixture.imageIds[0]!]));
    expect(labelRows).toHaveLength(1);
  });

  it('leaves an image already excluded as it was, and asks for no retrain when nothing changed', async () => {
    enqueued.length = 0;
    const again = await gql(EXCLUDE, { ids: [image(0)], reason: 'Duplicate' }, annotator.token);
    expect(again.data.excludeImages[0].exclusion.reason).toBe('Not diagnostic');
    expect(enqueued).toEqual([]);
    const events = await app.database.db
      .select()
      .from(imageExclusions)
      .where(inArray(imageExclusions.imageId, [fixture.imageIds[0]!]));
    expect(events).toHaveLength(1);
  });

  it('brings images back, keeping the whole history, newest first', async () => {
    enqueued.length = 0;
    const result = await gql(INCLUDE, { ids: [image(0), image(1)], reason: 'looked again' }, annotator.token);
    expect(result.errors).toBeUndefined();
    expect(result.data.includeImages).toEqual([
      {
        id: image(0),
        exclusion: null,
        exclusionHistory: [
          { excluded: false, reason: 'looked again', author: annotator.userId },
          { excluded: true, reason: 'Not diagnostic', author: annotator.userId },
        ],
      },
      // Image 1 was never excluded: nothing is recorded for it.
      { id: image(1), exclusion: null, exclusionHistory: [] },
    ]);
    expect(enqueued).toEqual(['retrain:images brought back']);
    const state = (await gql(STATE, { id: dataset() }, annotator.token)).data.dataset;
    expect(state.excludedImageCount).toBe(1);
    expect(state.overview.labelledCount).toBe(3);
  });

  it('exports whether and why each image is excluded', async () => {
    const exported = await gql(
      'query($id: ID!) { exportDataset(datasetId: $id, format: CSV) { text } }',
      { id: dataset() },
      annotator.token,
    );
    const rows = parse(exported.data.exportDataset.text, { columns: true }) as Record<string, string>[];
    const byId = new Map(rows.map((row) => [row.image_id, row]));
    expect(byId.get(image(2))).toMatchObject({ excluded: 'true', exclusion_reason: 'Not diagnostic' });
    expect(byId.get(image(0))).toMatchObject({ excluded: 'false', exclusion_reason: '' });
    const json = await gql(
      'query($id: ID!) { exportDataset(datasetId: $id, format: JSON) { text } }',
      { id: dataset() },
      annotator.token,
    );
    const objects = JSON.parse(json.data.exportDataset.text) as Record<string, unknown>[];
    expect(objects.find((row) => row.image_id === image(2))).toMatchObject({
      excluded: true,
      exclusion_reason: 'Not diagnostic',
    });
    expect(objects.find((row) => row.image_id === image(0))).toMatchObject({
      excluded: false,
      exclusion_reason: null,
    });
  });

  it('keeps every image in the state of its newest event under concurrent changes', async () => {
    const ids = [fixture.imageIds[1]!, fixture.imageIds[3]!];
    await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        setImagesExcluded(app, {
          imageIds: index % 3 === 0 ? [...ids].reverse() : ids,
          excluded: index % 2 === 0,
          reason: `change ${index}`,
          authorId: annotator.userId,
        }),
      ),
    );
    const { db } = app.database;
    for (const imageId of ids) {
      const events = await db
        .select()
        .from(imageExclusions)
        .where(eq(imageExclusions.imageId, imageId))
        .orderBy(asc(imageExclusions.seq));
      const [row] = await db.select().from(images).where(eq(images.id, imageId));
      expect(events.length).toBeGreaterThan(0);
      // Events alternate: an image already in the asked state gets none.
      expect(events.map((event) => event.excluded)).toEqual(events.map((_, index) => index % 2 === 0));
      expect(row!.excludedAt !== null).toBe(events.at(-1)!.excluded);
    }
    await setImagesExcluded(app, { imageIds: ids, excluded: false, authorId: annotator.userId });
  });

  it('refuses bad requests as a whole, writing nothing', async () => {
    const exclude = (variables: object, token: string | null = annotator.token) =>
      gql(EXCLUDE, { ids: [image(1), image(3)], reason: 'Duplicate', ...variables }, token);
    const many = (count: number) =>
      Array.from({ length: count }, (_, index) =>
        gid('Image', `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`),
      );
    await expectRefused('BAD_INPUT', () => exclude({ ids: [] }), 'no image');
    await expectRefused('BAD_INPUT', () => exclude({ ids: many(MAX_EXCLUSION_IMAGES + 1) }), 'too many');
    await expectRefused('NOT_FOUND', () => exclude({ ids: [image(1), gid('Image', fixture.datasetId)] }));
    await expectRefused(
      'BAD_INPUT',
      () => exclude({ ids: [image(1), gid('Image', other.imageIds[0]!)] }),
      'two datasets',
    );
    await expectRefused('BAD_INPUT', () => exclude({ ids: [image(1), dataset()] }), 'not an image id');
    await expectRefused('BAD_INPUT', () => exclude({ reason: '   ' }), 'blank reason');
    await expectRefused(
      'BAD_INPUT',
      () => exclude({ reason: 'x'.repeat(MAX_EXCLUSION_REASON_LENGTH + 1) }),
      'long reason',
    );
    await expectRefused('BAD_INPUT', () => exclude({ reason: 'two\nlines' }), 'control character');
    await expectRefused('BAD_INPUT', () =>
      gql(INCLUDE, { ids: [image(2)], reason: 'a\u0007' }, annotator.token),
    );
    await expectRefused('FORBIDDEN', () => exclude({}, reader));
    await expectRefused('FORBIDDEN', () => gql(INCLUDE, { ids: [image(2)] }, reader));
    await expectRefused('UNAUTHENTICATED', () => exclude({}, null));
    const refused = await expectRefused('FORBIDDEN', () =>
      gql('query($id: ID!) { image(id: $id) { exclusionHistory { reason } } }', { id: image(2) }, reader),
    );
    expect(refused.data?.image ?? null).toBeNull();
  });
});
