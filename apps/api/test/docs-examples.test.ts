import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { embeddings, images } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { parse } from 'csv-parse/sync';
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
});
