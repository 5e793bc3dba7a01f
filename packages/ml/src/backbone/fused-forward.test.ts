import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend';
import { compileFusedPlan, disposeOps } from './compile-fused-plan';
import { buildFusedForward, type Forward, FUSED_TOLERANCE, probeInput, toEmbedding } from './fused-forward';
import { graphUpTo } from './layer-graph';
import { loadBackbone } from './load-backbone';
import { runFusedPlan } from './run-fused-plan';
import { buildTestModel } from './test-model';

beforeAll(async () => {
  await initBackend('wasm', { log: () => {} });
});

function layersForward(model: tfl.LayersModel, layer: string): Forward {
  const cut = tfl.model({
    inputs: model.inputs,
    outputs: model.getLayer(layer).output as tfl.SymbolicTensor,
  });
  return (x) => tf.tidy(() => toEmbedding(cut.predict(x) as tf.Tensor));
}

describe('compileFusedPlan', () => {
  it('folds each BatchNorm and ReLU6 into the convolution before it', () => {
    const model = buildTestModel();
    const plan = compileFusedPlan(graphUpTo(model, 'pool') ?? [], 'pool');
    // The zero padding before the strided stem convolution is merged into it.
    expect(plan.ops.map((op) => op.kind)).toEqual(['conv', 'conv', 'conv', 'add', 'global-avg-pool']);
    expect(plan.ops[0]).toMatchObject({
      inputs: ['image'],
      padFirst: [
        [0, 1],
        [0, 1],
      ],
      pad: 'valid',
    });
    const activations = plan.ops.flatMap((op) => (op.kind === 'conv' ? [op.activation] : []));
    expect(activations).toEqual(['relu6', 'relu6', 'linear']);
    disposeOps(plan.ops);
    model.dispose();
  });

  it('stops fusing at the cut layer, so the cut value is the one the layers model gives', () => {
    const model = buildTestModel();
    const plan = compileFusedPlan(graphUpTo(model, 'stem_bn') ?? [], 'stem_bn');
    expect(plan.ops.at(-1)).toMatchObject({ kind: 'conv', activation: 'linear', output: 'stem_bn' });
    disposeOps(plan.ops);
    model.dispose();
  });
});

describe('runFusedPlan with merged padding', () => {
  it.each([
    {
      padFirst: [
        [0, 1],
        [0, 1],
      ],
      strides: [2, 2],
      size: 16,
      as: "the convolution's 'same' padding",
    },
    {
      padFirst: [
        [0, 1],
        [0, 1],
      ],
      strides: [2, 2],
      size: 15,
      as: 'an explicit pad (odd input)',
    },
    {
      padFirst: [
        [0, 2],
        [1, 0],
      ],
      strides: [1, 1],
      size: 8,
      as: 'an explicit pad (uneven sides)',
    },
  ] as const)('pads then convolves, using $as', ({ padFirst, strides, size }) => {
    const x = tf.randomUniform([2, size, size, 3], -1, 1, 'float32', 7) as tf.Tensor4D;
    const filter = tf.randomUniform([3, 3, 3, 4], -1, 1, 'float32', 8) as tf.Tensor4D;
    const plan = {
      input: 'x',
      output: 'y',
      aliases: new Map<string, string>(),
      ops: [
        {
          kind: 'conv' as const,
          inputs: ['x'],
          output: 'y',
          isDepthwise: false,
          filter,
          strides: [...strides] as [number, number],
          pad: 'valid' as const,
          activation: 'linear' as const,
          padFirst: padFirst.map((pair) => [...pair]) as [[number, number], [number, number]],
        },
      ],
    };
    const expected = tf.conv2d(
      tf.pad(x, [[0, 0], [...padFirst[0]], [...padFirst[1]], [0, 0]]),
      filter,
      [...strides] as [number, number],
      'valid',
    );
    const actual = runFusedPlan(plan, x);
    expect(actual.shape).toEqual(expected.shape);
    expect(tf.max(tf.abs(tf.sub(actual, expected))).dataSync()[0]).toBeLessThan(1e-5);
    tf.dispose([x, filter, expected, actual]);
  });
});

describe('buildFusedForward', () => {
  it('matches the layers model within tolerance at every supported cut', () => {
    const model = buildTestModel();
    const probe = probeInput(16, '[-1,1]');
    for (const layer of ['stem_bn', 'block_depthwise_relu', 'block_add', 'pool']) {
      const result = buildFusedForward(model, layer, layersForward(model, layer), probe);
      expect(result.isFused, layer).toBe(true);
      if (result.isFused) {
        expect(result.difference).toBeLessThanOrEqual(FUSED_TOLERANCE);
        disposeOps(result.plan.ops);
      }
    }
    probe.dispose();
    model.dispose();
  });

  it('falls back when a layer is unsupported or the outputs disagree', () => {
    const model = buildTestModel();
    const probe = probeInput(16, '[0,1]');
    const dense = buildFusedForward(model, 'logits', layersForward(model, 'logits'), probe);
    expect(dense).toMatchObject({ isFused: false, reason: expect.stringContaining('Dense') });
    const wrong: Forward = (x) => tf.tidy(() => tf.add(layersForward(model, 'pool')(x), 0.01));
    const disagreeing = buildFusedForward(model, 'pool', wrong, probe);
    expect(disagreeing).toMatchObject({ isFused: false, reason: expect.stringContaining('differs') });
    probe.dispose();
    model.dispose();
  });
});

describe('MobileNetV2 from nsfwjs', () => {
  it('gives the same embeddings folded and unfolded, within 1e-4', async () => {
    const fused = await loadBackbone('mobilenet-v2-block10');
    const plain = await loadBackbone('mobilenet-v2-block10', { isFusedAllowed: false });
    expect([fused.isFused, plain.isFused]).toEqual([true, false]);
    expect(fused.id).toBe(plain.id);
    const input = tf.randomUniform([1, 224, 224, 3], -1, 1, 'float32', 3) as tf.Tensor4D;
    const [a, b] = [fused.predict(input), plain.predict(input)];
    expect(a.shape).toEqual([1, 384]);
    const difference = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
    expect(difference).toBeLessThan(1e-4);
    tf.dispose([input, a, b]);
    fused.dispose();
    plain.dispose();
  });
});
