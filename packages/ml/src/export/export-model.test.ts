import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBackbone } from '../backbone';
import { initBackend } from '../backend';
import { predictProbabilities, type SerializedHead } from '../heads';
import { createRandom } from '../split';
import { exportClassifier } from './export-model';

beforeAll(async () => {
  await initBackend('wasm', { log: () => {} });
});

function randomHead(dimensions: number, classCount: number): SerializedHead {
  const random = createRandom('export-test');
  const values = (n: number, spread: number, offset = 0) =>
    Float32Array.from({ length: n }, () => offset + (random() - 0.5) * spread);
  return {
    formatVersion: 1,
    kind: 'linear',
    inputDimension: dimensions,
    classCount,
    categoryIds: ['a', 'b', 'c'],
    featureMean: values(dimensions, 0.4, 0.2),
    featureScale: values(dimensions, 1, 1),
    layers: [
      {
        inputSize: dimensions,
        outputSize: classCount,
        kernel: values(dimensions * classCount, 0.2),
        bias: values(classCount, 0.5),
      },
    ],
  };
}

describe('exporting a model version', () => {
  it('writes one TF.js model whose outputs equal backbone + head', async () => {
    const backbone = await loadBackbone('mobilenet-v2-block10', { isFusedAllowed: false });
    const head = randomHead(backbone.dimensions, 3);
    const folder = await mkdtemp(join(tmpdir(), 'loupe-export-'));
    await exportClassifier({
      folder,
      backbone: 'mobilenet-v2-block10',
      head,
      info: {
        categories: head.categoryIds.map((id) => ({ id, name: `view ${id}` })),
        modelVersion: 1,
        backbone: backbone.id,
      },
    });
    const modelJson = JSON.parse(await readFile(join(folder, 'model.json'), 'utf8'));
    const weights = await readFile(join(folder, 'weights.bin'));
    const reloaded = await tfl.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0].weights,
        weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
      }),
    );
    const input = tf.randomUniform([2, 224, 224, 3], -1, 1, 'float32', 7) as tf.Tensor4D;
    const exported = (reloaded.predict(input) as tf.Tensor).dataSync() as Float32Array;
    const features = backbone
      .predict(input)
      .arraySync()
      .map((row) => Float32Array.from(row));
    const expected = predictProbabilities(head, features);
    expect(exported.length).toBe(6);
    for (let i = 0; i < 6; i++) expect(exported[i]).toBeCloseTo(expected[i]!, 4);
    const info = JSON.parse(await readFile(join(folder, 'loupe-model.json'), 'utf8'));
    expect(info.categories.map((category: { name: string }) => category.name)).toEqual([
      'view a',
      'view b',
      'view c',
    ]);
    backbone.dispose();
  }, 120_000);
});
