import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestModel, saveModelFolder } from '../backbone/test-model';
import { initBackend } from '../backend/init-backend';
import { greyPng } from '../preprocess/test-images';
import { createEmbedder, type EmbedResult } from './create-embedder';

let folder: string;
let images: Uint8Array[];

beforeAll(async () => {
  await initBackend('wasm', { log: () => {} });
  folder = await mkdtemp(path.join(tmpdir(), 'loupe-embed-'));
  const model = buildTestModel();
  await saveModelFolder(model, folder);
  model.dispose();
  images = await Promise.all([3, 5, 7].map((k) => greyPng(120 + k, 90, (x, y) => (x * k + y * 2) % 256)));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const vectorOf = (result: EmbedResult | undefined) => (result?.ok ? Array.from(result.vector) : null);
const tiny = () => ({
  source: 'local' as const,
  name: 'tiny',
  modelPath: folder,
  layer: 'pool',
  scaling: '[-1,1]' as const,
});

describe('createEmbedder', () => {
  it('embeds with the built-in backbone: right size, deterministic, failures kept per item', async () => {
    const embedder = await createEmbedder({
      backbone: 'mobilenet-v2-block10',
      workers: 0,
      backend: 'wasm',
      batchSize: 2,
    });
    try {
      expect(embedder.backbone).toMatchObject({ dimensions: 384, isFused: true });
      const items = [
        { bytes: images[0] as Uint8Array },
        { bytes: new Uint8Array([9, 9, 9]) },
        { bytes: images[1] as Uint8Array },
      ];
      const [first, broken, second] = await embedder.embed(items);
      expect(first?.ok && first.vector.length).toBe(384);
      expect(broken).toMatchObject({ ok: false, error: { code: 'DECODE_FAILED' } });
      expect(vectorOf(second)).not.toEqual(vectorOf(first));
      const [again] = await embedder.embed([items[0] as (typeof items)[0]]);
      expect(vectorOf(again)).toEqual(vectorOf(first));
    } finally {
      await embedder.close();
    }
  });

  it('gives the same vectors from a worker thread as in this thread, in input order', async () => {
    const items = images.map((bytes, index) => ({
      bytes,
      crop: index === 2 ? { x: 10, y: 10, width: 60, height: 50 } : undefined,
    }));
    const local = await createEmbedder({ backbone: tiny(), workers: 0, backend: 'wasm' });
    const threaded = await createEmbedder({ backbone: tiny(), workers: 1, backend: 'wasm', batchSize: 2 });
    try {
      expect(threaded.workers).toBe(1);
      expect(threaded.backbone.id).toBe(local.backbone.id);
      const expected = (await local.embed(items)).map(vectorOf);
      const actual = (await threaded.embed(items)).map(vectorOf);
      expect(expected.every((vector) => vector?.length === 8)).toBe(true);
      expect(actual).toEqual(expected);
    } finally {
      await Promise.all([local.close(), threaded.close()]);
    }
  });

  it('fails to start with the backbone error code when the backbone cannot load', async () => {
    const missing = { ...tiny(), modelPath: path.join(folder, 'missing') };
    await expect(createEmbedder({ backbone: missing, workers: 1, backend: 'wasm' })).rejects.toMatchObject({
      code: 'BACKBONE_NOT_FOUND',
    });
  });
});
