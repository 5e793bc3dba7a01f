import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { images, studies } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { intersectionOverUnion } from '@loupe/ml';
import { generateDataset, renderImage, renderOptionsFor } from '@loupe/ml/synthetic';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  domainSnapshot,
  gid,
  graphqlClient,
  recordJobs,
  refusalCheck,
  tokenFor,
} from '../../test/curation-fixtures';
import { csv, makePng, writeFiles } from '../../test/image-fixtures';
import { createTestApp, type TestApp } from '../../test/test-app';
import { importFolder } from '../operations/import-folder';
import { type RunningServer, startServer } from '../server';

const IMAGE = `query($id: ID!) {
  suggestCropBox(imageId: $id) { x y width height isWholeImage imageCount }
}`;
const STUDY = `query($id: ID!) {
  suggestStudyCropBox(studyId: $id) { x y width height isWholeImage imageCount }
}`;

type Box = { x: number; y: number; width: number; height: number };
describe.each(testDatabaseTargets())('suggested crop boxes on $name', (target) => {
  let app: TestApp;
  let server: RunningServer;
  let curator: string;
  let reader: string;
  /** The scan's box of each synthetic file, as the generator drew it. */
  const sectors: Record<string, Box> = {};
  const imageIds: Record<string, string> = {};
  const studyIds: Record<string, string> = {};
  const enqueued: string[] = [];
  const gql = graphqlClient(() => server);
  const expectRefused = refusalCheck(() => app.database, enqueued);

  beforeAll(async () => {
    app = await createTestApp(target);
    recordJobs(app, enqueued);
    // One study of five synthetic frames (one scanner layout), and a study of a frame with no black border.
    const plan = generateDataset({
      seed: 11,
      studies: 1,
      imagesPerStudy: 5,
      difficulty: 0.5,
      width: 480,
      height: 360,
    });
    const folder = join(app.tempDir, 'scans');
    const content: Record<string, Buffer | string> = {};
    const rows: string[][] = [];
    for (const study of plan.studies) {
      for (const [index, image] of study.images.entries()) {
        const rendered = await renderImage(renderOptionsFor(plan, study, image));
        const file = `scan-${index}.png`;
        content[file] = Buffer.from(rendered.png);
        sectors[file] = rendered.sector;
        rows.push([file, 'scans']);
      }
    }
    content['plain.png'] = await makePng(7);
    rows.push(['plain.png', 'plain']);
    content['manifest.csv'] = csv(['file', 'study'], rows);
    await writeFiles(folder, content);
    await importFolder(app, { folder, manifestPath: join(folder, 'manifest.csv'), datasetName: 'suggest' });
    for (const row of await app.database.db.select().from(images).orderBy(asc(images.sourceFileName)))
      imageIds[row.sourceFileName] = gid('Image', row.id);
    for (const row of await app.database.db.select().from(studies)) studyIds[row.key] = gid('Study', row.id);
    curator = (await tokenFor(app.database.db, 'ANNOTATOR')).token;
    reader = (await tokenFor(app.database.db, 'READER')).token;
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it('suggests the scan’s box for an image and for its study, and saves nothing', async () => {
    const before = await domainSnapshot(app.database);
    enqueued.length = 0;
    for (const [file, sector] of Object.entries(sectors)) {
      const result = await gql(IMAGE, { id: imageIds[file] }, curator);
      expect(result.errors).toBeUndefined();
      const box = result.data.suggestCropBox;
      expect(box).toMatchObject({ isWholeImage: false, imageCount: 1 });
      expect(intersectionOverUnion(box, sector)).toBeGreaterThan(0.9);
    }
    // The study's images share one layout: its box is as good, drawn from all five.
    const study = await gql(STUDY, { id: studyIds.scans }, curator);
    expect(study.errors).toBeUndefined();
    expect(study.data.suggestStudyCropBox).toMatchObject({ isWholeImage: false, imageCount: 5 });
    expect(intersectionOverUnion(study.data.suggestStudyCropBox, sectors['scan-0.png']!)).toBeGreaterThan(
      0.9,
    );
    // A frame with nothing around the scan: the whole image.
    const plain = await gql(IMAGE, { id: imageIds['plain.png'] }, curator);
    expect(plain.data.suggestCropBox).toMatchObject({ x: 0, y: 0, isWholeImage: true });
    expect(await domainSnapshot(app.database)).toBe(before);
    expect(enqueued).toEqual([]);

    // Taken as the study's default, it is what the study and its images say.
    const { x, y, width, height } = study.data.suggestStudyCropBox;
    const set = await gql(
      `mutation($id: ID!, $box: CropBoxInput) {
        setStudyCropBox(studyId: $id, box: $box) { cropBox { x y width height scope } }
      }`,
      { id: studyIds.scans, box: { x, y, width, height } },
      curator,
    );
    expect(set.errors).toBeUndefined();
    expect(set.data.setStudyCropBox.cropBox).toEqual({ x, y, width, height, scope: 'STUDY' });
    const read = await gql(
      `query($id: ID!, $image: ID!) {
        study(id: $id) { cropBox { x y width height scope } }
        image(id: $image) { cropBox { x y width height scope } }
        plain: study(id: "${studyIds.plain}") { cropBox { x } }
      }`,
      { id: studyIds.scans, image: imageIds['scan-3.png'] },
      curator,
    );
    expect(read.data.study.cropBox).toEqual({ x, y, width, height, scope: 'STUDY' });
    expect(read.data.image.cropBox).toEqual({ x, y, width, height, scope: 'STUDY' });
    expect(read.data.plain.cropBox).toBeNull();
  });

  it('refuses unknown and wrong ids, readers and anonymous callers; missing or broken bytes are named', async () => {
    const unknownImage = gid('Image', '00000000-0000-4000-8000-000000000000');
    await expectRefused('NOT_FOUND', () => gql(IMAGE, { id: unknownImage }, curator));
    await expectRefused('NOT_FOUND', () =>
      gql(STUDY, { id: gid('Study', '00000000-0000-4000-8000-000000000000') }, curator),
    );
    await expectRefused('BAD_INPUT', () => gql(IMAGE, { id: studyIds.scans }, curator));
    await expectRefused('BAD_INPUT', () => gql(STUDY, { id: imageIds['scan-0.png'] }, curator));
    await expectRefused('FORBIDDEN', () => gql(IMAGE, { id: imageIds['scan-0.png'] }, reader));
    await expectRefused('UNAUTHENTICATED', () => gql(STUDY, { id: studyIds.scans }, null));

    // Bytes that no longer decode, then bytes that are gone.
    const [row] = await app.database.db
      .select({ sha256: images.sha256 })
      .from(images)
      .where(eq(images.sourceFileName, 'plain.png'));
    const path = join(app.settings.blobDir, row!.sha256.slice(0, 2), row!.sha256.slice(2, 4), row!.sha256);
    await writeFile(path, 'not an image');
    const broken = await expectRefused('CONFLICT', () => gql(IMAGE, { id: imageIds['plain.png'] }, curator));
    expect(broken.errors?.[0]?.message).toMatch(/cannot be decoded/);
    await expectRefused('CONFLICT', () => gql(STUDY, { id: studyIds.plain }, curator));
    await rm(path);
    const missing = await expectRefused('NOT_FOUND', () =>
      gql(IMAGE, { id: imageIds['plain.png'] }, curator),
    );
    expect(missing.errors?.[0]?.message).toMatch(/bytes are missing/);
  });
});
