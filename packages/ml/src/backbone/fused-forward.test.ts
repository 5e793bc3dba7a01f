import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend';
import { compileFusedPlan, disposeOps } from './compile-fused-plan';
import { buildFusedForward, type Forward, FUSED_TOLERANCE, probeInput, toEmbedding } from './fused-forward';
import { graphUpTo } from './layer-graph';
import { loadBackbone } from './load-backbone';
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
    expect(plan.ops.map((op) => op.kind)).toEqual(['pad', 'conv', 'conv', 'conv', 'add', 'global-avg-pool']);
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
