import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { datasets, embeddings, images } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { parse } from 'csv-parse/sync';
import { eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, ensureAdminUser } from '../src/auth/api-tokens';
import { importFolder } from '../src/operations/import-folder';
import { type RunningServer, startServer } from '../src/server';
import { makePng, writeFiles } from './image-fixtures';
import { createTestApp, type TestApp } from './test-app';

const run = promisify(execFile);
const examples = resolve(import.meta.dirname, '../../../docs/examples');
const IMAGE_COUNT = 110; // more than one page of 100

async function hasPython(): Promise<boolean> {
  try {
    await run('python3', ['--version']);
    return true;
  } catch {
    return false;
  }
}

const python = await hasPython();

// The examples in docs/data-scientists.md, run as a reader of the docs would run them.
describe('the data-science examples in docs/', () => {
  const target = testDatabaseTargets()[0]!;
  let app: TestApp;
  let server: RunningServer;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    app = await createTestApp(target);
    const folder = `${app.tempDir}/examples`;
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < IMAGE_COUNT; i += 1) files[`study-${i % 3}/image-${i}.png`] = await makePng(i + 1);
    await writeFiles(folder, files);
    const report = await importFolder(app, { folder, datasetName: 'examples' });
    expect(report.imported).toBe(IMAGE_COUNT);
    // Three cached embeddings, as a worker leaves them, for the embedding part of the Python example.
    const some = await app.database.db.select({ id: images.id }).from(images).limit(3);
    await app.database.db.insert(embeddings).values(
      some.map((image) => ({
        imageId: image.id,
        backbone: 'examples-backbone',
        cropKey: 'full',
        dimensions: 4,
        vector: new Uint8Array(new Float32Array([0.5, -1, 2, 0]).buffer),
      })),
    );
    const token = (
      await createApiToken(app.database.db, { userId: await ensureAdminUser(app.database.db), name: 'docs' })
    ).token;
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    env = { ...process.env, LOUPE_URL: server.url, LOUPE_TOKEN: token };
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it('query-datasets.sh lists the datasets and the most ambiguous unlabelled images with curl', async () => {
    const { stdout } = await run('bash', [`${examples}/query-datasets.sh`], { env });
    const [datasets, page] = stdout.trim().split('\n');
    expect(JSON.parse(datasets!).data.datasets).toEqual([
      expect.objectContaining({ name: 'examples', imageCount: IMAGE_COUNT, studyCount: 3 }),
    ]);
    const images = JSON.parse(page!).data.dataset.images;
    expect(images.totalCount).toBe(IMAGE_COUNT);
    expect(images.edges).toHaveLength(5);
    expect(images.edges[0].node.sourceFileName).toMatch(/^image-\d+\.png$/);
  });

  it('query-datasets.sh fails loudly with a bad token', async () => {
    await expect(
      run('bash', [`${examples}/query-datasets.sh`], { env: { ...env, LOUPE_TOKEN: 'loupe_forged' } }),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('UNAUTHENTICATED') });
  });

  it('upload-folder.sh uploads a folder with curl, a study per sub-folder, in requests of 100 files', async () => {
    const folder = `${app.tempDir}/to-upload`;
    const files: Record<string, Uint8Array | string> = { 'notes.txt': 'not an image' };
    for (let i = 0; i < 102; i += 1) files[`study ${i % 2}/scan;${i}.png`] = await makePng(1000 + i);
    files['study 1/broken "quoted".png'] = 'not a png';
    await writeFiles(folder, files);
    const { stdout } = await run('bash', [`${examples}/upload-folder.sh`, folder, 'uploaded'], { env });
    const answers = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).data.importFiles);
    expect(answers).toHaveLength(2);
    expect(answers.map((answer) => answer.imported)).toEqual([99, 3]);
    expect(answers[0].failures).toEqual([
      expect.objectContaining({ file: 'study 1/broken "quoted".png', code: 'NOT_AN_IMAGE' }),
    ]);
    expect(answers[1].dataset).toEqual({ name: 'uploaded', imageCount: 102, studyCount: 2 });
  });

  it('upload-folder.sh fails loudly when uploads are refused', async () => {
    const folder = `${app.tempDir}/refused`;
    await writeFiles(folder, { 'a.png': await makePng(7) });
    await expect(
      run('bash', [`${examples}/upload-folder.sh`, folder, 'x'], {
        env: { ...env, LOUPE_TOKEN: 'loupe_forged' },
      }),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('UNAUTHENTICATED') });
  });

  it.runIf(python)(
    'export_unlabelled.py pages through every unlabelled image and decodes embeddings (standard library only)',
    async () => {
      const { stdout, stderr } = await run('python3', [`${examples}/export_unlabelled.py`, 'examples'], {
        env,
      });
      const rows = parse(stdout, { columns: true }) as { image_id: string; file: string }[];
      expect(rows).toHaveLength(IMAGE_COUNT);
      expect(new Set(rows.map((row) => row.image_id)).size).toBe(IMAGE_COUNT);
      expect(stderr).toContain(`examples: wrote ${IMAGE_COUNT} of ${IMAGE_COUNT} unlabelled images`);
      expect(stderr.match(/: 4 values/g)).toHaveLength(3);
    },
  );

  it.runIf(python)('export_unlabelled.py names a missing dataset', async () => {
    await expect(
      run('python3', [`${examples}/export_unlabelled.py`, 'no-such-dataset'], { env }),
    ).rejects.toMatchObject({ stderr: expect.stringContaining("no dataset named 'no-such-dataset'") });
  });

  it.runIf(python)(
    'exclude_files.py excludes the images of a list of files, once, and names the unknown ones',
    async () => {
      const named = await app.database.db
        .select({ id: images.id, file: images.sourceFileName })
        .from(images)
        .innerJoin(datasets, eq(datasets.id, images.datasetId))
        .where(eq(datasets.name, 'examples'))
        .orderBy(images.sourceFileName)
        .limit(3);
      const list = `${named.map((image) => image.file).join('\n')}\n\nmissing.png\n${named[0]!.file}\n`;
      const exclude = () => {
        const child = execFile('python3', [`${examples}/exclude_files.py`, 'examples', 'flagged by QC'], {
          env,
        });
        child.stdin!.end(list);
        return new Promise<{ stdout: string; stderr: string }>((done, fail) => {
          let stdout = '';
          let stderr = '';
          child.stdout!.on('data', (chunk) => (stdout += chunk));
          child.stderr!.on('data', (chunk) => (stderr += chunk));
          child.on('close', (code) => (code === 0 ? done({ stdout, stderr }) : fail(new Error(stderr))));
        });
      };
      const first = await exclude();
      expect(first.stdout).toContain('examples: excluded 3 images, 0 already excluded');
      expect(first.stderr).toContain('1 file name(s) not in the dataset: missing.png');
      const rows = await app.database.db
        .select({ id: images.id, excludedAt: images.excludedAt })
        .from(images)
        .where(isNotNull(images.excludedAt));
      expect(rows.map((row) => row.id).sort()).toEqual(named.map((image) => image.id).sort());
      const again = await exclude();
      expect(again.stdout).toContain('examples: excluded 0 images, 3 already excluded');
    },
  );
});
