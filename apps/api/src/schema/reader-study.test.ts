import {
  annotations,
  categories,
  cropBoxes,
  datasets,
  images,
  labels,
  predictions,
  readerReads,
  studies,
} from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { wilsonInterval } from '@loupe/ml';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  gid,
  graphqlClient,
  recordJobs,
  refusalCheck,
  seedModelVersion,
  tokenFor,
} from '../../test/curation-fixtures';
import { makePng } from '../../test/image-fixtures';
import { createTestApp, type TestApp } from '../../test/test-app';
import { setImagesExcluded } from '../operations/exclude-images';
import { type RunningServer, startServer } from '../server';

const CREATE = `mutation($input: CreateReaderStudyInput!) { createReaderStudy(input: $input) {
  id name state view sampleSeed imageCount categories { name } modelVersions { version }
  images { image { id } referenceCategory { name } } assignments { reader { email } }
} }`;
const OPEN = 'mutation($id: ID!) { openReaderStudy(id: $id) { id state openedAt } }';
const CLOSE = 'mutation($id: ID!) { closeReaderStudy(id: $id) { id state closedAt } }';
const ITEM =
  'id position imageUrl answer { category { name } secondCategory { name } confidence timeMs revisions }';
const MINE = `{ myReaderAssignments { id studyName state view categories { id name }
  progress { answered total } nextItem { ${ITEM} } } }`;
const ITEM_AT = `query($id: ID!, $p: Int!) { node(id: $id) { ... on ReaderAssignment { item(position: $p) { ${ITEM} } } } }`;
const SUBMIT = `mutation($input: ReaderAnswerInput!) { submitReaderAnswer(input: $input) {
  item { ${ITEM} } assignment { progress { answered total } nextItem { id position } } } }`;
const RESULTS = `query($id: ID!) { readerStudy(id: $id) { state results {
  categories { name } imageCount studyCount
  raters { key kind reader { email } modelVersion { version } answered
    accuracy { successes total estimate wilson { lower upper level } clusterBootstrap { lower upper level } }
    top2Accuracy { successes total }
    perClassRecall { category { name } recall support } confusionMatrix readingTime { medianMs totalMs } }
  comparisons { first second paired bothCorrect onlyFirstCorrect onlySecondCorrect neitherCorrect mcnemarPValue kappa }
} } }`;

/** Study keys whose split (default options) is known: see assign-split.test.ts in @loupe/ml. */
const TEST_STUDIES = {
  'study-1': ['liver', 'liver', 'kidney', 'spleen'],
  'study-7': ['liver', 'kidney', 'kidney', 'spleen'],
};
const REFERENCES = Object.values(TEST_STUDIES).flat();
/** Reader 1's answers by reference position: wrong on 1 and 5. The model (version 2) is wrong on 2 only. */
const READER_ANSWERS = ['liver', 'kidney', 'kidney', 'spleen', 'liver', 'spleen', 'kidney', 'spleen'];
const SECOND_CHOICES: Record<number, string> = { 1: 'liver' };
const MODEL_TOP = [
  ['liver', 'kidney'],
  ['liver', 'kidney'],
  ['spleen', 'kidney'],
  ['spleen', 'liver'],
  ['liver', 'spleen'],
  ['kidney', 'liver'],
  ['kidney', 'liver'],
  ['spleen', 'liver'],
];

describe.each(testDatabaseTargets())('reader studies on $name', (target) => {
  let app: TestApp;
  let server: RunningServer;
  const gql = graphqlClient(() => server);
  const enqueued: string[] = [];
  const refused = refusalCheck(() => app.database, enqueued);
  const statements: string[] = [];
  let isCounting = false;
  const tokens: Record<string, string> = {};
  const userIds: Record<string, string> = {};
  let datasetId: string;
  let otherDatasetCategory: string;
  const categoryIds: Record<string, string> = {};
  /** The labelled test images in reference order (TEST_STUDIES flattened), then the train-split ones. */
  const testImages: string[] = [];
  const trainImages: string[] = [];
  let unlabelledImage: string;
  let versionWithoutPredictions: string;
  let labelId: string;
  let annotationId: string;
  const versions: Record<number, string> = {};

  async function seedImage(studyId: string, seed: number, label: string | null, text: string) {
    const bytes = await makePng(seed);
    const sha256 = await app.blobs.put(bytes);
    const [image] = await app.database.db
      .insert(images)
      .values({
        datasetId,
        studyId,
        sha256,
        width: 32,
        height: 24,
        format: 'PNG',
        sourceFileName: `${seed}.png`,
      })
      .returning();
    const [annotation] = await app.database.db
      .insert(annotations)
      .values({ imageId: image!.id, text })
      .returning();
    annotationId = annotation!.id;
    if (label) {
      const [row] = await app.database.db
        .insert(labels)
        .values({ imageId: image!.id, categoryId: categoryIds[label]!, source: 'IMPORT' })
        .returning();
      labelId = row!.id;
    }
    return image!.id;
  }

  beforeAll(async () => {
    app = await createTestApp(target, {}, { onQuery: (sql) => isCounting && statements.push(sql) });
    recordJobs(app, enqueued);
    const { db } = app.database;
    for (const role of ['ADMIN', 'DATA_SCIENTIST', 'ANNOTATOR'] as const) {
      const user = await tokenFor(db, role);
      tokens[role] = user.token;
      userIds[role] = user.userId;
    }
    for (const name of ['reader1', 'reader2', 'outsider']) {
      const user = await tokenFor(db, 'READER');
      tokens[name] = user.token;
      userIds[name] = user.userId;
    }
    const [dataset] = await db.insert(datasets).values({ name: 'abdomen' }).returning();
    datasetId = dataset!.id;
    const rows = await db
      .insert(categories)
      .values(['liver', 'kidney', 'spleen'].map((name, position) => ({ datasetId, name, position })))
      .returning();
    for (const row of rows) categoryIds[row.name] = row.id;
    const [archived] = await db
      .insert(categories)
      .values({ datasetId, name: 'old', position: 9, archivedAt: new Date() })
      .returning();
    categoryIds.old = archived!.id;
    const [other] = await db.insert(datasets).values({ name: 'other' }).returning();
    const [foreign] = await db.insert(categories).values({ datasetId: other!.id, name: 'liver' }).returning();
    otherDatasetCategory = foreign!.id;
    let seed = 1;
    for (const [key, refs] of Object.entries(TEST_STUDIES)) {
      const [study] = await db.insert(studies).values({ datasetId, key }).returning();
      await db.insert(cropBoxes).values({ studyId: study!.id, x: 2, y: 2, width: 20, height: 16 });
      for (const ref of refs)
        testImages.push(await seedImage(study!.id, seed++, ref, `${ref.toUpperCase()} SAG`));
      if (key === 'study-7') unlabelledImage = await seedImage(study!.id, seed++, null, 'UNREAD');
    }
    const [train] = await db.insert(studies).values({ datasetId, key: 'study-4' }).returning();
    trainImages.push(await seedImage(train!.id, seed++, 'liver', 'LIVER TRANS'));
    trainImages.push(await seedImage(train!.id, seed++, 'kidney', 'RT KIDNEY'));
    for (const version of [1, 2]) {
      versions[version] = (await seedModelVersion(db, datasetId, version)).id;
      await db.insert(predictions).values(
        testImages.map((imageId, i) => {
          const [top1, top2] = version === 2 ? MODEL_TOP[i]! : ['liver', 'kidney'];
          return {
            modelVersionId: versions[version]!,
            imageId,
            probabilities: [0.6, 0.3, 0.1],
            top1CategoryId: categoryIds[top1!]!,
            top1Probability: 0.6,
            top2CategoryId: categoryIds[top2!]!,
            top2Probability: 0.3,
            margin: 0.3,
            entropy: 0.9,
          };
        }),
      );
    }
    // An older version whose predictions retention has dropped.
    versionWithoutPredictions = (await seedModelVersion(db, datasetId, 0)).id;
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  const create = (input: object, token = tokens.DATA_SCIENTIST) =>
    gql(CREATE, { input: { datasetId: gid('Dataset', datasetId), name: 'Readers vs CNN', ...input } }, token);
  const readers = (...names: string[]) => names.map((name) => gid('User', userIds[name]!));
  const image = (path: string, token: string) =>
    fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  it('creates a study on the labelled test images, live categories and newest model version by default', async () => {
    const result = await create({ readerIds: readers('reader1', 'reader2') });
    expect(result.errors).toBeUndefined();
    const study = result.data.createReaderStudy;
    expect(study).toMatchObject({
      state: 'DRAFT',
      view: 'CROP',
      sampleSeed: null,
      imageCount: 8,
      categories: [{ name: 'liver' }, { name: 'kidney' }, { name: 'spleen' }],
      modelVersions: [{ version: 2 }],
    });
    const byImage = new Map(
      study.images.map((item: { image: { id: string }; referenceCategory: { name: string } }) => [
        item.image.id,
        item.referenceCategory.name,
      ]),
    );
    expect([...byImage.keys()].sort()).toEqual(testImages.map((id) => gid('Image', id)).sort());
    testImages.forEach((id, i) => {
      expect(byImage.get(gid('Image', id))).toBe(REFERENCES[i]);
    });
    expect(study.assignments).toHaveLength(2);
  });

  it('leaves excluded images out of a new study', async () => {
    const change = (excluded: boolean) =>
      setImagesExcluded(app, {
        imageIds: [testImages[0]!],
        excluded,
        reason: 'not diagnostic',
        authorId: userIds.DATA_SCIENTIST!,
      });
    await change(true);
    try {
      const result = await create({ readerIds: readers('reader1'), name: 'Without the excluded image' });
      expect(result.errors).toBeUndefined();
      const images = result.data.createReaderStudy.images.map(
        (item: { image: { id: string } }) => item.image.id,
      );
      expect(images).toHaveLength(7);
      expect(images).not.toContain(gid('Image', testImages[0]!));
    } finally {
      await change(false);
    }
  });

  it('draws a stratified, seeded sample of the test images', async () => {
    const imagesOf = async (seed: string) => {
      const result = await create({ readerIds: readers('reader1'), sampleSize: 4, sampleSeed: seed });
      expect(result.errors).toBeUndefined();
      const study = result.data.createReaderStudy;
      expect(study.sampleSeed).toBe(seed);
      return study.images as { image: { id: string }; referenceCategory: { name: string } }[];
    };
    const first = await imagesOf('s');
    expect(first).toHaveLength(4);
    const names = first.map((item) => item.referenceCategory.name);
    // 4 of (3 liver, 3 kidney, 2 spleen): one of each, and the fourth to liver or kidney.
    for (const name of ['liver', 'kidney', 'spleen']) expect(names).toContain(name);
    expect(names.filter((name) => name === 'spleen')).toHaveLength(1);
    const again = await imagesOf('s');
    expect(again.map((item) => item.image.id).sort()).toEqual(first.map((item) => item.image.id).sort());
  });

  it('refuses bad studies with typed errors and changes nothing', async () => {
    const base = { readerIds: readers('reader1') };
    await refused('FORBIDDEN', () => create(base, tokens.ANNOTATOR), 'annotator');
    await refused('FORBIDDEN', () => create(base, tokens.reader1), 'reader');
    await refused('UNAUTHENTICATED', () => create(base, null as unknown as string), 'anonymous');
    await refused(
      'NOT_FOUND',
      () =>
        gql(
          CREATE,
          { input: { datasetId: gid('Dataset', crypto.randomUUID()), name: 'x', ...base } },
          tokens.ADMIN,
        ),
      'unknown dataset',
    );
    await refused('BAD_INPUT', () => create({ readerIds: readers('ANNOTATOR') }), 'non-READER reader');
    await refused(
      'NOT_FOUND',
      () => create({ readerIds: [gid('User', crypto.randomUUID())] }),
      'unknown reader',
    );
    await refused('BAD_INPUT', () => create({ readerIds: [] }), 'no reader');
    await refused('BAD_INPUT', () => create({ ...base, imageIds: [] }), 'empty image set');
    await refused('BAD_INPUT', () => create({ ...base, name: '  ' }), 'blank name');
    await refused(
      'BAD_INPUT',
      () => create({ ...base, imageIds: [gid('Image', unlabelledImage)], view: 'WHOLE_IMAGE' }),
      'unlabelled image',
    );
    await refused(
      'BAD_INPUT',
      () => create({ ...base, imageIds: trainImages.map((id) => gid('Image', id)) }),
      'crop-only without crop boxes',
    );
    await refused(
      'BAD_INPUT',
      () =>
        create({
          ...base,
          categoryIds: [gid('Category', categoryIds.liver!), gid('Category', categoryIds.old!)],
        }),
      'archived category',
    );
    await refused(
      'BAD_INPUT',
      () =>
        create({
          ...base,
          categoryIds: [gid('Category', categoryIds.liver!), gid('Category', otherDatasetCategory)],
        }),
      "another dataset's category",
    );
    await refused(
      'BAD_INPUT',
      () =>
        create({
          ...base,
          categoryIds: ['liver', 'kidney'].map((name) => gid('Category', categoryIds[name]!)),
          imageIds: testImages.map((id) => gid('Image', id)),
        }),
      'an image whose reference is not offered',
    );
    await refused('BAD_INPUT', () => create({ ...base, sampleSize: 9 }), 'sample larger than the images');
    await refused(
      'NOT_FOUND',
      () => create({ ...base, modelVersionIds: [gid('ModelVersion', crypto.randomUUID())] }),
      'unknown model version',
    );
    await refused(
      'BAD_INPUT',
      () => create({ ...base, modelVersionIds: [gid('ModelVersion', versionWithoutPredictions)] }),
      'a model version whose predictions are no longer stored',
    );
    await refused('BAD_INPUT', () => create({ readerIds: readers('reader1', 'reader1') }), 'reader twice');
  });

  it('runs DRAFT → OPEN → CLOSED and refuses any other move', async () => {
    const { id } = (await create({ readerIds: readers('reader1') })).data.createReaderStudy;
    await refused('CONFLICT', () => gql(CLOSE, { id }, tokens.DATA_SCIENTIST), 'close a draft');
    await refused('FORBIDDEN', () => gql(OPEN, { id }, tokens.reader1), 'reader opens');
    expect((await gql(OPEN, { id }, tokens.ADMIN)).data.openReaderStudy.state).toBe('OPEN');
    await refused('CONFLICT', () => gql(OPEN, { id }, tokens.ADMIN), 'open twice');
    expect((await gql(CLOSE, { id }, tokens.ADMIN)).data.closeReaderStudy.state).toBe('CLOSED');
    await refused('NOT_FOUND', () =>
      gql(OPEN, { id: gid('ReaderStudy', crypto.randomUUID()) }, tokens.ADMIN),
    );
  });

  // The reader flow below runs on one OPEN study, in order.
  let flowStudy: string;
  const assignmentOf: Record<string, string> = {};
  const orderOf: Record<string, { id: string; imageId: string }[]> = {};
  const mine = async (name: string) => {
    const result = await gql(MINE, {}, tokens[name]);
    expect(result.errors).toBeUndefined();
    return result.data.myReaderAssignments.find(
      (assignment: { studyName: string }) => assignment.studyName === 'Flow study',
    );
  };
  const imageIdOf = (url: string) => /^\/images\/([0-9a-f-]{36})\/thumbnail\?size=512$/.exec(url)?.[1];
  const submit = (name: string, input: object) => gql(SUBMIT, { input }, tokens[name]);
  const answer = (itemId: string, category: string, more: object = {}) => ({
    itemId,
    categoryId: gid('Category', categoryIds[category]!),
    timeMs: 1000,
    ...more,
  });

  it('opens a study to its readers, each in a stable order of their own', async () => {
    const created = await create({ readerIds: readers('reader1', 'reader2'), name: 'Flow study' });
    flowStudy = created.data.createReaderStudy.id;
    expect(await mine('reader1')).toBeUndefined();
    await gql(OPEN, { id: flowStudy }, tokens.DATA_SCIENTIST);
    for (const name of ['reader1', 'reader2']) {
      const assignment = await mine(name);
      expect(assignment).toMatchObject({
        state: 'OPEN',
        view: 'CROP',
        progress: { answered: 0, total: 8 },
        categories: [{ name: 'liver' }, { name: 'kidney' }, { name: 'spleen' }],
        nextItem: { position: 0, answer: null },
      });
      expect((await mine(name)).nextItem.id).toBe(assignment.nextItem.id);
      assignmentOf[name] = assignment.id;
      orderOf[name] = [];
      for (let p = 0; p < 8; p++) {
        const item = (await gql(ITEM_AT, { id: assignment.id, p }, tokens[name])).data.node.item;
        expect(item.position).toBe(p);
        orderOf[name]!.push({ id: item.id, imageId: imageIdOf(item.imageUrl)! });
      }
      expect(orderOf[name]![0]!.id).toBe(assignment.nextItem.id);
      expect(orderOf[name]!.map((item) => item.imageId).sort()).toEqual([...testImages].sort());
      const beyond = await gql(ITEM_AT, { id: assignment.id, p: 8 }, tokens[name]);
      expect(beyond.errors?.[0]?.extensions?.code).toBe('BAD_INPUT');
    }
    expect(orderOf.reader2!.map((item) => item.id)).not.toEqual(orderOf.reader1!.map((item) => item.id));
  });

  it('takes answers in order, revisions while OPEN, and refuses bad answers', async () => {
    for (const [p, item] of orderOf.reader1!.entries()) {
      const i = testImages.indexOf(item.imageId);
      const second = SECOND_CHOICES[i];
      const result = await submit(
        'reader1',
        answer(item.id, READER_ANSWERS[i]!, {
          timeMs: 1000 * (p + 1),
          confidence: 3,
          ...(second ? { secondCategoryId: gid('Category', categoryIds[second]!) } : {}),
        }),
      );
      expect(result.errors).toBeUndefined();
      const { item: answered, assignment } = result.data.submitReaderAnswer;
      expect(answered).toMatchObject({ id: item.id, position: p, answer: { revisions: 0, confidence: 3 } });
      expect(answered.answer.category.name).toBe(READER_ANSWERS[i]);
      expect(assignment.progress).toEqual({ answered: p + 1, total: 8 });
      expect(assignment.nextItem?.position ?? null).toBe(p < 7 ? p + 1 : null);
    }
    const revised = orderOf.reader1!.find((item) => item.imageId === testImages[1])!;
    const revision = await submit(
      'reader1',
      answer(revised.id, 'kidney', {
        secondCategoryId: gid('Category', categoryIds.liver!),
        confidence: 5,
        timeMs: 250,
      }),
    );
    const position = orderOf.reader1!.indexOf(revised);
    expect(revision.data.submitReaderAnswer.item.answer).toMatchObject({
      confidence: 5,
      revisions: 1,
      timeMs: 1000 * (position + 1) + 250,
    });
    expect(revision.data.submitReaderAnswer.assignment.progress).toEqual({ answered: 8, total: 8 });

    // Reader 2 sees none of reader 1's answers.
    const first = orderOf.reader2![0]!;
    expect(
      (await gql(ITEM_AT, { id: assignmentOf.reader2, p: 0 }, tokens.reader2)).data.node.item.answer,
    ).toBeNull();
    const item = first.id;
    const liver = gid('Category', categoryIds.liver!);
    await refused('BAD_INPUT', () => submit('reader2', answer(item, 'old')), 'archived category');
    await refused(
      'BAD_INPUT',
      () =>
        submit('reader2', { ...answer(item, 'liver'), categoryId: gid('Category', otherDatasetCategory) }),
      "another dataset's category",
    );
    await refused(
      'BAD_INPUT',
      () => submit('reader2', answer(item, 'liver', { secondCategoryId: liver })),
      'second = first',
    );
    await refused(
      'BAD_INPUT',
      () => submit('reader2', answer(item, 'liver', { confidence: 6 })),
      'confidence 6',
    );
    await refused(
      'BAD_INPUT',
      () => submit('reader2', answer(item, 'liver', { confidence: 0 })),
      'confidence 0',
    );
    await refused(
      'BAD_INPUT',
      () => submit('reader2', answer(item, 'liver', { timeMs: -1 })),
      'negative time',
    );
    await refused(
      'BAD_INPUT',
      () => submit('reader2', answer(gid('Image', first.imageId), 'liver')),
      'an image id',
    );
    await refused(
      'NOT_FOUND',
      () => submit('reader2', answer(gid('ReaderStudyImage', crypto.randomUUID()), 'liver')),
      'unknown item',
    );
    await refused('NOT_FOUND', () => submit('outsider', answer(item, 'liver')), 'reader not assigned');
    await refused('FORBIDDEN', () => submit('ANNOTATOR', answer(item, 'liver')), 'annotator');
    await refused('FORBIDDEN', () => submit('DATA_SCIENTIST', answer(item, 'liver')), 'data scientist');
    for (const next of orderOf.reader2!.slice(0, 3)) {
      expect((await submit('reader2', answer(next.id, 'liver', { timeMs: 2000 }))).errors).toBeUndefined();
    }
    expect((await mine('reader2')).progress).toEqual({ answered: 3, total: 8 });
  });

  it('lets a reader fetch only the images of their open studies, and of a crop-only study only the crop', async () => {
    const inStudy = orderOf.reader1![0]!.imageId;
    const cropped = await image(`/images/${inStudy}/thumbnail?size=512`, tokens.reader1!);
    expect(cropped.status).toBe(200);
    expect(cropped.headers.get('content-type')).toBe('image/png');
    for (const path of [
      `/images/${inStudy}/thumbnail?size=512&crop=0`,
      `/images/${inStudy}/original`,
      `/images/${unlabelledImage}/thumbnail?size=512`,
      `/images/${trainImages[0]}/thumbnail?size=512`,
      `/images/${crypto.randomUUID()}/thumbnail?size=512`,
      '/images/not-an-id/thumbnail?size=512',
    ]) {
      expect((await image(path, tokens.reader1!)).status, path).toBe(403);
    }
    expect((await image(`/images/${inStudy}/thumbnail?size=512`, tokens.outsider!)).status).toBe(403);
    expect((await image(`/images/${inStudy}/original`, tokens.ANNOTATOR!)).status).toBe(200);

    const whole = await create({
      readerIds: readers('outsider'),
      view: 'WHOLE_IMAGE',
      imageIds: trainImages.map((id) => gid('Image', id)),
    });
    expect(whole.errors).toBeUndefined();
    const original = `/images/${trainImages[0]}/original`;
    expect((await image(original, tokens.outsider!)).status).toBe(403);
    await gql(OPEN, { id: whole.data.createReaderStudy.id }, tokens.ADMIN);
    expect((await image(original, tokens.outsider!)).status).toBe(200);
    expect(
      (await image(`/images/${trainImages[0]}/thumbnail?size=256&crop=0`, tokens.outsider!)).status,
    ).toBe(200);
    expect((await image(original, tokens.reader1!)).status).toBe(403);
    await gql(CLOSE, { id: whole.data.createReaderStudy.id }, tokens.ADMIN);
    expect((await image(original, tokens.outsider!)).status).toBe(403);
  });

  it('keeps a reader blind to labels, predictions, technologist text, the queue and other readers', async () => {
    const { db } = app.database;
    const [study] = await db.select().from(studies).where(eq(studies.key, 'study-1'));
    const reader = tokens.reader1;
    const forbidden = async (query: string, variables: object = {}) => {
      const result = await gql(query, variables, reader);
      expect(result.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
      expect(JSON.stringify(result.data ?? {}), query).not.toMatch(/SAG|liver|kidney|spleen|0\.6/i);
    };
    const imageId = gid('Image', testImages[0]!);
    await forbidden(
      'query($id: ID!) { image(id: $id) { currentLabel { category { name } } prediction { margin } } }',
      {
        id: imageId,
      },
    );
    await forbidden('query($id: ID!) { image(id: $id) { annotation { text } } }', { id: imageId });
    const nodes = [
      imageId,
      gid('Dataset', datasetId),
      gid('Study', study!.id),
      gid('Label', labelId),
      gid('Annotation', annotationId),
      gid('Category', categoryIds.liver!),
      gid('ModelVersion', versions[2]!),
      flowStudy,
      orderOf.reader1![0]!.id,
    ];
    for (const id of nodes) await forbidden('query($id: ID!) { node(id: $id) { id } }', { id });
    await forbidden('{ datasets { id } }');
    await forbidden('query($id: ID!) { dataset(id: $id) { composition { imageCount } } }', {
      id: gid('Dataset', datasetId),
    });
    await forbidden(
      'query($id: ID!) { dataset(id: $id) { images(first: 5, filter: { categoryIds: [] }) { totalCount } } }',
      { id: gid('Dataset', datasetId) },
    );
    await forbidden('query($id: ID!) { study(id: $id) { key } }', { id: gid('Study', study!.id) });
    await forbidden('query($id: ID!) { exportDataset(datasetId: $id) { text } }', {
      id: gid('Dataset', datasetId),
    });
    await forbidden('query($id: ID!) { readerStudy(id: $id) { results { imageCount } } }', { id: flowStudy });
    await forbidden('query($id: ID!) { readerStudies(datasetId: $id) { id } }', {
      id: gid('Dataset', datasetId),
    });
    await forbidden('{ myReaderAssignments { study { results { imageCount } } } }');
    await forbidden('query($id: ID!) { node(id: $id) { ... on ReaderAssignment { study { id } } } }', {
      id: assignmentOf.reader1,
    });
    await refused('FORBIDDEN', () =>
      gql(
        'mutation($id: ID!) { takeQueueItems(datasetId: $id, strategy: "MARGIN") { image { id } } }',
        { id: gid('Dataset', datasetId) },
        reader,
      ),
    );
    // Another reader's assignment is not there for them; their own is, with nothing but what answering needs.
    const other = await gql('query($id: ID!) { node(id: $id) { id } }', { id: assignmentOf.reader2 }, reader);
    expect(other).toEqual({ data: { node: null } });
    const own = await gql(
      `query($id: ID!) { node(id: $id) { id ... on ReaderAssignment { progress { answered } item(position: 0) { ${ITEM} } } } }`,
      { id: assignmentOf.reader1 },
      reader,
    );
    expect(own.errors).toBeUndefined();
    expect(own.data.node.progress.answered).toBe(8);
    expect(JSON.stringify(await gql(MINE, {}, reader))).not.toMatch(/SAG|TRANS|KIDNEY|LIVER|0\.6/);
  });

  it('reports accuracy, intervals, recall, confusion, McNemar, kappa and reading time to data scientists', async () => {
    await refused('FORBIDDEN', () => gql(RESULTS, { id: flowStudy }, tokens.ANNOTATOR), 'annotator');
    const NODE = 'query($id: ID!) { node(id: $id) { __typename ... on ReaderStudy { name imageCount } } }';
    const viaNode = await gql(NODE, { id: flowStudy }, tokens.DATA_SCIENTIST);
    expect(viaNode.data.node).toEqual({ __typename: 'ReaderStudy', name: 'Flow study', imageCount: 8 });
    expect(await gql(NODE, { id: flowStudy }, tokens.ANNOTATOR)).toEqual({ data: { node: null } });
    const ownByScientist = await gql(NODE, { id: assignmentOf.reader2 }, tokens.DATA_SCIENTIST);
    expect(ownByScientist.data.node).toEqual({ __typename: 'ReaderAssignment' });
    const result = await gql(RESULTS, { id: flowStudy }, tokens.DATA_SCIENTIST);
    expect(result.errors).toBeUndefined();
    const { results } = result.data.readerStudy;
    expect(results).toMatchObject({ imageCount: 8, studyCount: 2 });
    expect(results.categories.map((c: { name: string }) => c.name)).toEqual(['liver', 'kidney', 'spleen']);
    const raterOf = (key: string) => results.raters.find((rater: { key: string }) => rater.key === key);
    const reader1 = raterOf(assignmentOf.reader1!);
    const model = raterOf(gid('ModelVersion', versions[2]!));
    expect(results.raters).toHaveLength(3);
    expect(reader1).toMatchObject({
      kind: 'READER',
      answered: 8,
      accuracy: { successes: 6, total: 8, estimate: 0.75 },
      top2Accuracy: { successes: 7, total: 8 },
      confusionMatrix: [
        [2, 1, 0],
        [0, 2, 1],
        [0, 0, 2],
      ],
    });
    const wilson = wilsonInterval(6, 8);
    expect(reader1.accuracy.wilson).toEqual({ lower: wilson.lower, upper: wilson.upper, level: 0.95 });
    const { lower, upper } = reader1.accuracy.clusterBootstrap;
    expect(lower).toBeLessThanOrEqual(0.75);
    expect(upper).toBeGreaterThanOrEqual(0.75);
    expect(reader1.perClassRecall.map((c: { recall: number }) => c.recall)).toEqual([2 / 3, 2 / 3, 1]);
    expect(reader1.perClassRecall.map((c: { support: number }) => c.support)).toEqual([3, 3, 2]);
    // Times 1000 … 8000 ms by position, plus a 250 ms revision of one of them.
    const position = orderOf.reader1!.findIndex((item) => item.imageId === testImages[1]);
    const times = Array.from({ length: 8 }, (_, p) => 1000 * (p + 1) + (p === position ? 250 : 0)).sort(
      (a, b) => a - b,
    );
    expect(reader1.readingTime).toEqual({ medianMs: (times[3]! + times[4]!) / 2, totalMs: 36_250 });
    expect(model).toMatchObject({
      kind: 'MODEL',
      reader: null,
      modelVersion: { version: 2 },
      accuracy: { successes: 7, total: 8 },
      top2Accuracy: { successes: 8, total: 8 },
      readingTime: null,
    });
    const versus = results.comparisons.find(
      (c: { first: string; second: string }) => c.first === assignmentOf.reader1 && c.second === model.key,
    );
    // Reader 1 alone right on image 2, the model alone right on images 1 and 5: exact p = min(1, 2 · 4/8).
    expect(versus).toMatchObject({
      paired: 8,
      bothCorrect: 5,
      onlyFirstCorrect: 1,
      onlySecondCorrect: 2,
      neitherCorrect: 0,
      mcnemarPValue: 1,
    });
    // First choices agree on 5 of 8; marginals (2, 3, 3) and (3, 2, 3): p_e = 21/64, kappa = 19/43.
    expect(versus.kappa).toBeCloseTo(19 / 43, 12);
    const pair = [assignmentOf.reader1, assignmentOf.reader2].sort().join();
    const readers = results.comparisons.find(
      (c: { first: string; second: string }) => [c.first, c.second].sort().join() === pair,
    );
    expect(readers.paired).toBe(3);
    expect(results.comparisons).toHaveLength(3);
  });

  it('closes: answers are final, items are gone, results stay', async () => {
    await gql(CLOSE, { id: flowStudy }, tokens.DATA_SCIENTIST);
    const item = orderOf.reader1![0]!.id;
    await refused('CONFLICT', () => submit('reader1', answer(item, 'spleen')), 'answer after close');
    await refused(
      'CONFLICT',
      () => submit('reader2', answer(orderOf.reader2![5]!.id, 'spleen')),
      'first answer after close',
    );
    const assignment = await mine('reader2');
    expect(assignment).toMatchObject({
      state: 'CLOSED',
      nextItem: null,
      progress: { answered: 3, total: 8 },
    });
    const at = await gql(ITEM_AT, { id: assignmentOf.reader2, p: 0 }, tokens.reader2);
    expect(at.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const closed = await gql(RESULTS, { id: flowStudy }, tokens.ADMIN);
    expect(closed.data.readerStudy.state).toBe('CLOSED');
    const reader1 = closed.data.readerStudy.results.raters.find(
      (rater: { key: string }) => rater.key === assignmentOf.reader1,
    );
    expect(reader1.accuracy.successes).toBe(6);
    const thumbnail = `/images/${orderOf.reader1![0]!.imageId}/thumbnail?size=512`;
    expect((await image(thumbnail, tokens.reader1!)).status).toBe(403);
  });

  it('keeps one read per reader and image, in the categories offered, in the database', async () => {
    const { db } = app.database;
    const [read] = await db.select().from(readerReads).limit(1);
    const { id: _id, ...copy } = read!;
    await expect(db.insert(readerReads).values(copy)).rejects.toThrow();
    const [other] = await db
      .select()
      .from(readerReads)
      .where(eq(readerReads.assignmentId, read!.assignmentId))
      .limit(2);
    await expect(
      db.update(readerReads).set({ categoryId: categoryIds.old! }).where(eq(readerReads.id, other!.id)),
    ).rejects.toThrow();
    await expect(
      db.update(readerReads).set({ confidence: 9 }).where(eq(readerReads.id, other!.id)),
    ).rejects.toThrow();
  });

  it('describes the dataset: studies, images and labels per split', async () => {
    const result = await gql(
      'query($id: ID!) { dataset(id: $id) { composition { studyCount imageCount labelledImageCount splits { split studyCount imageCount labelledImageCount } } } }',
      { id: gid('Dataset', datasetId) },
      tokens.ANNOTATOR,
    );
    expect(result.data.dataset.composition).toEqual({
      studyCount: 3,
      imageCount: 11,
      labelledImageCount: 10,
      splits: [
        { split: 'TRAIN', studyCount: 1, imageCount: 2, labelledImageCount: 2 },
        { split: 'VALIDATION', studyCount: 0, imageCount: 0, labelledImageCount: 0 },
        { split: 'TEST', studyCount: 2, imageCount: 9, labelledImageCount: 8 },
      ],
    });
  });

  it('lists studies with their readers and progress in a fixed number of statements', async () => {
    const LIST = `query($id: ID!) { readerStudies(datasetId: $id) { id name state imageCount
      categories { name } modelVersions { version } createdBy { email }
      assignments { reader { email } progress { answered total } } } }`;
    const count = async () => {
      statements.length = 0;
      isCounting = true;
      const result = await gql(LIST, { id: gid('Dataset', datasetId) }, tokens.DATA_SCIENTIST);
      isCounting = false;
      expect(result.errors).toBeUndefined();
      return { studies: result.data.readerStudies.length, statements: statements.length };
    };
    const before = await count();
    await create({ readerIds: readers('reader1', 'reader2', 'outsider') });
    await create({ readerIds: readers('reader2') });
    const after = await count();
    expect(after.studies).toBe(before.studies + 2);
    expect(after.statements).toBe(before.statements);
  });
});
