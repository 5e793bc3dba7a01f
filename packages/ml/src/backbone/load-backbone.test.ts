import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend';
import { BackboneError } from './backbone-error';
import { loadBackbone } from './load-backbone';
import { buildTestModel, saveModelFolder } from './test-model';

let folder: string;

beforeAll(async () => {
  await initBackend('wasm', { log: () => {} });
  folder = await mkdtemp(path.join(tmpdir(), 'loupe-backbone-'));
  const model = buildTestModel();
  await saveModelFolder(model, path.join(folder, 'tiny'));
  model.dispose();
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const local = (overrides: Partial<{ modelPath: string; layer: string }> = {}) => ({
  source: 'local' as const,
  name: 'tiny',
  modelPath: path.join(folder, 'tiny'),
  layer: 'pool',
  scaling: '[0,1]' as const,
  ...overrides,
});

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackboneError);
  return (error as BackboneError).code;
}

describe('loadBackbone', () => {
  it('loads a local layers model cut at a named layer, fused', async () => {
    const backbone = await loadBackbone(local());
    expect(backbone).toMatchObject({
      name: 'tiny',
      inputSize: 16,
      dimensions: 8,
      scaling: '[0,1]',
      isFused: true,
    });
    const output = backbone.predict(tf.zeros([3, 16, 16, 3]));
    expect(output.shape).toEqual([3, 8]);
    output.dispose();
    backbone.dispose();
  });

  it('accepts the model.json path itself and pools feature maps', async () => {
    const backbone = await loadBackbone(
      local({ modelPath: path.join(folder, 'tiny', 'model.json'), layer: 'block_add' }),
    );
    expect(backbone.dimensions).toBe(8);
    backbone.dispose();
  });

  it('reports typed errors for unknown names, missing paths and missing layers', async () => {
    expect(await codeOf(loadBackbone('resnet-9000'))).toBe('BACKBONE_NOT_FOUND');
    expect(await codeOf(loadBackbone(local({ modelPath: path.join(folder, 'nowhere') })))).toBe(
      'BACKBONE_NOT_FOUND',
    );
    expect(await codeOf(loadBackbone(local({ layer: 'no_such_layer' })))).toBe('LAYER_NOT_FOUND');
  });

  it('reports unreadable model files as load failures', async () => {
    await writeFile(path.join(folder, 'broken.json'), '{ not json');
    expect(await codeOf(loadBackbone(local({ modelPath: path.join(folder, 'broken.json') })))).toBe(
      'BACKBONE_LOAD_FAILED',
    );
  });

  it('gives ids that change with the cut, the scaling and the weights', async () => {
    const ids = new Set<string>();
    for (const spec of [local(), local({ layer: 'block_add' }), { ...local(), scaling: '[-1,1]' as const }]) {
      const backbone = await loadBackbone(spec);
      ids.add(backbone.id);
      backbone.dispose();
    }
    const other = buildTestModel(2);
    await saveModelFolder(other, path.join(folder, 'tiny-2'));
    other.dispose();
    const retrained = await loadBackbone(local({ modelPath: path.join(folder, 'tiny-2') }));
    ids.add(retrained.id);
    retrained.dispose();
    expect(ids.size).toBe(4);
  });

  it('describes both built-in MobileNetV2 cuts', async () => {
    const pool = await loadBackbone({ source: 'builtin', name: 'mobilenet-v2-pool', scaling: '[-1,1]' });
    expect(pool).toMatchObject({ inputSize: 224, dimensions: 1280, scaling: '[-1,1]', isFused: true });
    expect(pool.id).toMatch(/^mobilenet-v2-pool@224-s11-d1280-p1-[0-9a-f]{10}$/);
    pool.dispose();
  });
});
