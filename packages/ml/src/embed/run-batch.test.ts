import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend';
import { greyToScaledRgb } from '../preprocess/scale-pixels';
import { greyBatchToInput } from './run-batch';

beforeAll(async () => {
  await initBackend('wasm', { log: () => {} });
});

describe('greyBatchToInput', () => {
  it('scales and triples grey bytes exactly as preprocessing does, for both scalings', () => {
    const grey = Uint8Array.from({ length: 2 * 4 * 4 }, (_, index) => (index * 37) % 256);
    for (const scaling of ['[0,1]', '[-1,1]'] as const) {
      const input = greyBatchToInput(grey, 2, { inputSize: 4, scaling });
      expect(input.shape).toEqual([2, 4, 4, 3]);
      const expected = greyToScaledRgb(grey, scaling);
      const actual = input.dataSync();
      expect(Math.max(...actual.map((v, i) => Math.abs(v - (expected[i] as number))))).toBeLessThan(1e-6);
      input.dispose();
    }
    expect(tf.memory().numTensors).toBe(0);
  });

  it('rejects a batch of the wrong size', () => {
    expect(() => greyBatchToInput(new Uint8Array(10), 1, { inputSize: 4, scaling: '[0,1]' })).toThrow(
      /expected 1 grey/,
    );
  });
});
