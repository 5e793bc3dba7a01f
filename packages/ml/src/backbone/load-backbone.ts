import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { BackboneError } from './backbone-error';
import { backboneId } from './backbone-id';
import { builtinBackbones, isBuiltinBackboneName } from './builtin-backbones';
import { disposeOps } from './compile-fused-plan';
import { buildFusedForward, type Forward, probeInput, toEmbedding } from './fused-forward';
import { loadMobileNetV2Artifacts } from './mobilenet-v2-artifacts';
import { type LoadedArtifacts, loadLocalArtifacts } from './model-artifacts';
import type { Backbone, BackboneSpec, Scaling } from './types';

export type LoadBackboneOptions = {
  /** Try the BatchNorm-folded fused forward pass (kept only if it matches the layers model). Default true. */
  isFusedAllowed?: boolean;
  log?: (message: string) => void;
};

type Resolved = { spec: BackboneSpec; layer: string; scaling: Scaling; inputSize?: number };

/** Turns a name or spec into the layer to cut at and the scaling to use; unknown names are typed errors. */
export function resolveBackboneSpec(spec: BackboneSpec | string): Resolved {
  if (typeof spec === 'string' || spec.source === 'builtin') {
    const name = typeof spec === 'string' ? spec : spec.name;
    if (!isBuiltinBackboneName(name)) {
      const known = Object.keys(builtinBackbones).join(', ');
      throw new BackboneError('BACKBONE_NOT_FOUND', `unknown backbone "${name}" (built-in: ${known})`);
    }
    const builtin = builtinBackbones[name];
    const scaling = (typeof spec === 'string' ? undefined : spec.scaling) ?? builtin.defaultScaling;
    return { spec: { source: 'builtin', name, scaling }, layer: builtin.layer, scaling };
  }
  return { spec, layer: spec.layer, scaling: spec.scaling, inputSize: spec.inputSize };
}

async function loadModel({ artifacts }: LoadedArtifacts): Promise<tfl.LayersModel> {
  try {
    return await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (error) {
    throw new BackboneError('BACKBONE_LOAD_FAILED', `cannot build the layers model: ${error}`, {
      cause: error,
    });
  }
}

function inputSizeOf(model: tfl.LayersModel, resolved: Resolved): number {
  const [, height, width, channels] = model.inputs[0]?.shape ?? [];
  if (model.inputs.length !== 1 || channels !== 3 || height !== width) {
    throw new BackboneError('BACKBONE_UNSUPPORTED', 'the model must take one square RGB image input');
  }
  const size = height ?? resolved.inputSize;
  if (!size || (resolved.inputSize && resolved.inputSize !== size)) {
    throw new BackboneError(
      'BACKBONE_UNSUPPORTED',
      `input size ${resolved.inputSize} does not fit the model`,
    );
  }
  return size;
}

function cutAt(model: tfl.LayersModel, layer: string): { forward: Forward; dimensions: number } {
  if (!model.layers.some((candidate) => candidate.name === layer)) {
    throw new BackboneError('LAYER_NOT_FOUND', `the model has no layer named "${layer}"`);
  }
  const output = model.getLayer(layer).output as tfl.SymbolicTensor;
  const shape = output.shape;
  const dimensions = shape.length === 4 || shape.length === 2 ? shape[shape.length - 1] : null;
  if (!dimensions) throw new BackboneError('BACKBONE_UNSUPPORTED', `layer "${layer}" has shape ${shape}`);
  const cut = tfl.model({ inputs: model.inputs, outputs: output });
  return { forward: (input) => tf.tidy(() => toEmbedding(cut.predict(input) as tf.Tensor)), dimensions };
}

/** Loads a backbone (built-in name or spec), cut and frozen, with the fastest forward pass that is exact. */
export async function loadBackbone(
  spec: BackboneSpec | string,
  options: LoadBackboneOptions = {},
): Promise<Backbone> {
  const resolved = resolveBackboneSpec(spec);
  const loaded =
    resolved.spec.source === 'builtin'
      ? await loadMobileNetV2Artifacts()
      : await loadLocalArtifacts(resolved.spec.modelPath);
  const model = await loadModel(loaded);
  try {
    const inputSize = inputSizeOf(model, resolved);
    const { forward: layersForward, dimensions } = cutAt(model, resolved.layer);
    const id = backboneId({
      ...resolved,
      name: resolved.spec.name,
      inputSize,
      dimensions,
      weightsDigest: loaded.digest,
    });
    const info = {
      name: resolved.spec.name,
      inputSize,
      dimensions,
      scaling: resolved.scaling,
      id,
      spec: resolved.spec,
    };
    if (options.isFusedAllowed === false)
      return { ...info, isFused: false, predict: layersForward, dispose: () => model.dispose() };
    const probe = probeInput(inputSize, resolved.scaling);
    const fused = buildFusedForward(model, resolved.layer, layersForward, probe);
    probe.dispose();
    if (!fused.isFused) {
      options.log?.(`[loupe/ml] ${info.name}: using the layers model (${fused.reason})`);
      return { ...info, isFused: false, predict: layersForward, dispose: () => model.dispose() };
    }
    model.dispose();
    return { ...info, isFused: true, predict: fused.forward, dispose: () => disposeOps(fused.plan.ops) };
  } catch (error) {
    model.dispose();
    throw error;
  }
}
