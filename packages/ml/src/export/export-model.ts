import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { BackboneError } from '../backbone/backbone-error';
import { resolveBackboneSpec } from '../backbone/load-backbone';
import { loadMobileNetV2Artifacts } from '../backbone/mobilenet-v2-artifacts';
import { loadLocalArtifacts } from '../backbone/model-artifacts';
import type { BackboneSpec } from '../backbone/types';
import { initBackend } from '../backend';
import type { DenseLayer, SerializedHead } from '../heads';
import { geometryFor } from '../preprocess/crop';

export type ExportedModelInfo = {
  format: 'loupe-classifier';
  formatVersion: 1;
  categories: { id: string; name: string }[];
  inputSize: number;
  scaling: string;
  preprocessing: string;
  modelVersion: number;
  backbone: string;
};

/**
 * Writes the frozen backbone and a trained head as one TF.js layers model (`model.json` + `weights.bin`)
 * that maps a preprocessed image to class probabilities anywhere TF.js runs, plus `loupe-model.json`
 * describing the categories and the preprocessing the input needs.
 */
export async function exportClassifier(options: {
  folder: string;
  backbone: BackboneSpec | string;
  head: SerializedHead;
  info: Omit<ExportedModelInfo, 'format' | 'formatVersion' | 'inputSize' | 'scaling' | 'preprocessing'>;
}): Promise<{ modelPath: string; model: tfl.LayersModel }> {
  await initBackend('auto', { log: () => {} });
  const resolved = resolveBackboneSpec(options.backbone);
  const loaded =
    resolved.spec.source === 'builtin'
      ? await loadMobileNetV2Artifacts()
      : await loadLocalArtifacts(resolved.spec.modelPath);
  const source = await tfl.loadLayersModel(tf.io.fromMemory(loaded.artifacts));
  const model = stackHead(source, resolved.layer, options.head);
  const inputSize = source.inputs[0]?.shape[1] ?? resolved.inputSize ?? 224;
  await mkdir(options.folder, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = new Uint8Array(artifacts.weightData as ArrayBuffer);
      const modelJson = {
        format: 'layers-model',
        generatedBy: 'loupe',
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      };
      await writeFile(join(options.folder, 'model.json'), JSON.stringify(modelJson));
      await writeFile(join(options.folder, 'weights.bin'), weights);
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const { resizeTo } = geometryFor(inputSize);
  const info: ExportedModelInfo = {
    format: 'loupe-classifier',
    formatVersion: 1,
    ...options.info,
    inputSize,
    scaling: resolved.scaling,
    preprocessing: `crop box → grayscale → ${resizeTo}×${resizeTo} → centre ${inputSize}×${inputSize} → three equal channels → scale to ${resolved.scaling}; input [batch, ${inputSize}, ${inputSize}, 3], output probabilities in the order of "categories"`,
  };
  await writeFile(join(options.folder, 'loupe-model.json'), `${JSON.stringify(info, null, 2)}\n`);
  source.dispose();
  return { modelPath: join(options.folder, 'model.json'), model };
}

/** The backbone cut at `layer` (globally average-pooled), then the head's dense layers with the feature standardisation folded into the first. */
export function stackHead(source: tfl.LayersModel, layer: string, head: SerializedHead): tfl.LayersModel {
  if (!source.layers.some((candidate) => candidate.name === layer)) {
    throw new BackboneError('LAYER_NOT_FOUND', `the model has no layer named "${layer}"`);
  }
  let x = source.getLayer(layer).output as tfl.SymbolicTensor;
  if (x.shape.length === 4)
    x = tfl.layers.globalAveragePooling2d({ name: 'loupe_pool' }).apply(x) as tfl.SymbolicTensor;
  const dense: tfl.layers.Layer[] = [];
  head.layers.forEach((layerWeights, index) => {
    const isLast = index === head.layers.length - 1;
    const layerObject = tfl.layers.dense({
      units: layerWeights.outputSize,
      activation: isLast ? 'softmax' : 'relu',
      name: `loupe_head_${index}`,
    });
    x = layerObject.apply(x) as tfl.SymbolicTensor;
    dense.push(layerObject);
  });
  const model = tfl.model({ inputs: source.inputs, outputs: x, name: 'loupe_classifier' });
  head.layers.forEach((layerWeights, index) => {
    const [kernel, bias] =
      index === 0 ? foldStandardization(layerWeights, head) : [layerWeights.kernel, layerWeights.bias];
    const { inputSize, outputSize } = layerWeights;
    dense[index]!.setWeights([transpose(kernel, outputSize, inputSize), tf.tensor1d(bias)]);
  });
  return model;
}

/** W·((x − m)·s) + b = (W·diag(s))·x + (b − W·(m·s)). */
function foldStandardization(layer: DenseLayer, head: SerializedHead): [Float32Array, Float32Array] {
  const { inputSize, outputSize } = layer;
  const kernel = new Float32Array(layer.kernel.length);
  const bias = Float32Array.from(layer.bias);
  for (let o = 0; o < outputSize; o++) {
    for (let i = 0; i < inputSize; i++) {
      const w = layer.kernel[o * inputSize + i]! * head.featureScale[i]!;
      kernel[o * inputSize + i] = w;
      bias[o] = bias[o]! - w * head.featureMean[i]!;
    }
  }
  return [kernel, bias];
}

/** Head kernels are stored output-major (outputs × inputs); TF.js dense kernels are inputs × outputs. */
function transpose(kernel: Float32Array, rows: number, columns: number): tf.Tensor2D {
  const out = new Float32Array(kernel.length);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns; c++) out[c * rows + r] = kernel[r * columns + c]!;
  return tf.tensor2d(out, [columns, rows]);
}
