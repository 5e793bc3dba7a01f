import {
  categories,
  cropBoxes,
  embeddings,
  images,
  labels,
  modelVersions,
  predictions,
  studies,
} from '@loupe/db';
import { stubModelVersion, type TestDatabaseTarget } from '@loupe/db/testing';
import { assignSplit, type SplitName } from '@loupe/ml';
import { eq, sql } from 'drizzle-orm';
import { createApiToken, ensureAdminUser } from '../src/auth/api-tokens';
import { importFolder } from '../src/operations/import-folder';
import { type RunningServer, startServer } from '../src/server';
import { type GqlResult, gid, graphqlClient, tokenFor } from './curation-fixtures';
import { csv, makePng, writeFiles } from './image-fixtures';
import { createTestApp, type TestApp } from './test-app';

export const CATEGORY_NAMES = ['liver', 'spleen', 'kidney'] as const;
const STUDY_KEYS = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'];
const IMAGE_COUNT = 24;
/** The split options the newest model version was trained with (not training's defaults, on purpose). */
export const SPLIT_OPTIONS = { testFraction: 0.3, validationFraction: 0.3, seed: 'fixture' };
const ANNOTATIONS = ['LIVER long', 'spleen', 'Kidney L', '50%_LIVER', '50%XLIVER', 'ao_rta'];

/** What the fixture knows about one image: the answers the API must give. */
export type FixtureImage = {
  id: string;
  sha256: string;
  fileName: string;
  studyId: string;
  studyKey: string;
  split: SplitName;
  createdAtText: string;
  annotation: string | null;
  label: string | null;
  labelSource: string | null;
  prediction: {
    version: number;
    top1: string;
    top2: string;
    p1: number;
    p2: number;
    margin: number;
    entropy: number;
    labelDisagreement: number | null;
  } | null;
  /** The float32 embedding under the image's current crop and backbone `bb-1`. */
  vector: number[];
};

export type AnalysisFixture = {
  datasetId: string;
  categoryIds: Record<(typeof CATEGORY_NAMES)[number], string>;
  images: FixtureImage[];
};

const f32 = Math.fround;
const vectorOf = (index: number, salt = 0) =>
  Array.from(Float32Array.from([index + salt, index / 3, -index * 0.1 - 0.5, 1e-3 * (salt + 1)]));

/**
 * 24 images in 8 studies, imported with labels and annotations; two model versions (the newer one predicts
 * images 0–19, the older 0–21; 22 and 23 have no prediction); one annotator label; crop boxes and
 * embeddings under current and stale crops and two backbones.
 */
export async function buildAnalysisFixture(app: TestApp, name: string): Promise<AnalysisFixture> {
  const folder = `${app.tempDir}/${name}`;
  const files: Record<string, Uint8Array | string> = {};
  const manifest: string[][] = [];
  for (let index = 0; index < IMAGE_COUNT; index++) {
    const file = `img-${String(index).padStart(2, '0')}.png`;
    files[file] = await makePng(100 + index);
    const label = index % 5 === 4 ? '' : CATEGORY_NAMES[index % 3]!;
    const annotation = index % 7 === 6 ? '' : ANNOTATIONS[index % ANNOTATIONS.length]!;
    manifest.push([file, STUDY_KEYS[index % STUDY_KEYS.length]!, annotation, label]);
  }
  files['manifest.csv'] = csv(['file', 'study', 'annotation', 'label'], manifest);
  await writeFiles(folder, files);
  const report = await importFolder(app, {
    folder,
    manifestPath: `${folder}/manifest.csv`,
    datasetName: name,
  });
  const { db } = app.database;
  const categoryRows = await db.select().from(categories).where(eq(categories.datasetId, report.datasetId));
  const categoryIds = Object.fromEntries(categoryRows.map((row) => [row.name, row.id])) as Record<
    (typeof CATEGORY_NAMES)[number],
    string
  >;
  const imageRows = await db
    .select({
      id: images.id,
      sha256: images.sha256,
      fileName: images.sourceFileName,
      studyId: images.studyId,
      studyKey: studies.key,
      createdAtText: sql<string>`${images.createdAt}::text`,
    })
    .from(images)
    .innerJoin(studies, eq(studies.id, images.studyId))
    .where(eq(images.datasetId, report.datasetId))
    .orderBy(images.sourceFileName);

  // An annotator relabels image 4 (imported unlabelled) as spleen.
  const adminId = await ensureAdminUser(db);
  await db.insert(labels).values({
    imageId: imageRows[4]!.id,
    categoryId: categoryIds.spleen,
    source: 'ANNOTATOR',
    authorId: adminId,
  });

  const version = async (number: number, split: object) =>
    (
      await db
        .insert(modelVersions)
        .values(
          stubModelVersion({
            datasetId: report.datasetId,
            version: number,
            backbone: 'bb-1',
            categoryIds: Object.values(categoryIds),
            split,
          }),
        )
        .returning()
    )[0]!;
  const older = await version(1, { unit: 'study' });
  const newer = await version(2, { ...SPLIT_OPTIONS, unit: 'study' });

  const fixtureImages: FixtureImage[] = imageRows.map((row, index) => {
    const [, , annotation, imported] = manifest[index]!;
    const label = index === 4 ? 'spleen' : imported || null;
    return {
      ...row,
      split: assignSplit(row.studyKey, SPLIT_OPTIONS),
      annotation: annotation || null,
      label,
      labelSource: index === 4 ? 'ANNOTATOR' : imported ? 'IMPORT' : null,
      prediction: null,
      vector: vectorOf(index),
    };
  });
  const predictionRows: (typeof predictions.$inferInsert)[] = [];
  for (const [index, image] of fixtureImages.entries()) {
    const versionNumber = index < 20 ? 2 : index < 22 ? 1 : 0;
    if (!versionNumber) continue;
    const top1 = CATEGORY_NAMES[(index * 2 + versionNumber) % 3]!;
    const top2 = CATEGORY_NAMES[(index * 2 + versionNumber + 1) % 3]!;
    const p1 = 0.4 + (index % 6) * 0.1;
    const p2 = (1 - p1) * 0.5;
    const probabilityOf = (name: string | null) => (name === top1 ? p1 : name === top2 ? p2 : 1 - p1 - p2);
    const labelDisagreement = image.label ? 1 - probabilityOf(image.label) : null;
    const entropy = 0.1 * (index % 4);
    image.prediction = {
      version: versionNumber,
      top1,
      top2,
      p1: f32(p1),
      p2: f32(p2),
      margin: f32(p1 - p2),
      entropy: f32(entropy),
      labelDisagreement: labelDisagreement === null ? null : f32(labelDisagreement),
    };
    const row = {
      imageId: image.id,
      probabilities: [p1, p2, 1 - p1 - p2],
      top1CategoryId: categoryIds[top1],
      top1Probability: p1,
      top2CategoryId: categoryIds[top2],
      top2Probability: p2,
      margin: p1 - p2,
      entropy,
      labelDisagreement,
    };
    predictionRows.push({ ...row, modelVersionId: versionNumber === 2 ? newer.id : older.id });
    // The older version also predicted the images the newer one did, differently.
    if (versionNumber === 2)
      predictionRows.push({
        ...row,
        modelVersionId: older.id,
        top1CategoryId: categoryIds.kidney,
        top1Probability: 1,
      });
  }
  await db.insert(predictions).values(predictionRows);

  // Image 1 has its own crop box; study s3's images a study default. Embeddings under stale crops and
  // another backbone must not show.
  await db.insert(cropBoxes).values({ imageId: fixtureImages[1]!.id, x: 1, y: 2, width: 10, height: 10 });
  const s3 = fixtureImages.find((image) => image.studyKey === 's3')!.studyId;
  await db.insert(cropBoxes).values({ studyId: s3, x: 0, y: 0, width: 16, height: 12 });
  const embeddingRows: (typeof embeddings.$inferInsert)[] = [];
  for (const [index, image] of fixtureImages.entries()) {
    const cropKey = index === 1 ? '1,2,10,10' : image.studyKey === 's3' ? '0,0,16,12' : 'full';
    const bytes = (values: number[]) => new Uint8Array(Float32Array.from(values).buffer);
    embeddingRows.push({
      imageId: image.id,
      backbone: 'bb-1',
      cropKey,
      dimensions: 4,
      vector: bytes(image.vector),
    });
    if (cropKey !== 'full')
      embeddingRows.push({
        imageId: image.id,
        backbone: 'bb-1',
        cropKey: 'full',
        dimensions: 4,
        vector: bytes(vectorOf(index, 7)),
      });
    if (index < 5)
      embeddingRows.push({
        imageId: image.id,
        backbone: 'bb-0',
        cropKey,
        dimensions: 4,
        vector: bytes(vectorOf(index, 3)),
      });
  }
  await db.insert(embeddings).values(embeddingRows);
  return { datasetId: report.datasetId, categoryIds, images: fixtureImages };
}

export type ServedAnalysisFixture = {
  app: TestApp;
  server: RunningServer;
  fixture: AnalysisFixture;
  datasetId: string;
  tokens: { admin: string; reader: string };
  /** One GraphQL operation, as the admin unless another token is given ('' for none). */
  gql: (query: string, variables?: object, token?: string) => Promise<GqlResult>;
  close: () => Promise<void>;
};

/** The analysis fixture in a fresh database, served over HTTP, with an admin and a reader token. */
export async function serveAnalysisFixture(target: TestDatabaseTarget): Promise<ServedAnalysisFixture> {
  const app = await createTestApp(target);
  const fixture = await buildAnalysisFixture(app, 'analysis');
  const { db } = app.database;
  const tokens = {
    admin: (await createApiToken(db, { userId: await ensureAdminUser(db), name: 't' })).token,
    reader: (await tokenFor(db, 'READER')).token,
  };
  const server = await startServer(app, { port: 0, host: '127.0.0.1' });
  const request = graphqlClient(() => server);
  return {
    app,
    server,
    fixture,
    datasetId: gid('Dataset', fixture.datasetId),
    tokens,
    gql: (query, variables = {}, token = tokens.admin) => request(query, variables, token),
    close: async () => {
      await server.close();
      await app.close();
    },
  };
}
