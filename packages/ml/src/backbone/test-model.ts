import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/**
 * A small MobileNetV2-shaped layers model for tests (16 × 16 input): padding, strided conv, depthwise conv,
 * BatchNorms with non-trivial statistics, ReLU6, a residual add and global pooling, in `block_*` names.
 */
export function buildTestModel(seed = 1): tfl.LayersModel {
  const input = tfl.input({ shape: [16, 16, 3], name: 'image' });
  const conv = (
    name: string,
    filters: number,
    kernelSize: number,
    strides = 1,
    padding: 'same' | 'valid' = 'same',
  ) =>
    tfl.layers.conv2d({
      name,
      filters,
      kernelSize,
      strides,
      padding,
      useBias: false,
      kernelInitializer: tfl.initializers.glorotUniform({ seed }),
    });
  const norm = (name: string) => tfl.layers.batchNormalization({ name, epsilon: 1e-3 });
  const relu6 = (name: string) => tfl.layers.reLU({ name, maxValue: 6 });
  const padded = tfl.layers
    .zeroPadding2d({
      name: 'stem_pad',
      padding: [
        [0, 1],
        [0, 1],
      ],
    })
    .apply(input);
  const stem = relu6('stem_relu').apply(norm('stem_bn').apply(conv('stem', 8, 3, 2, 'valid').apply(padded)));
  const depthwise = tfl.layers.depthwiseConv2d({
    name: 'block_depthwise',
    kernelSize: 3,
    padding: 'same',
    useBias: false,
    depthwiseInitializer: tfl.initializers.glorotUniform({ seed: seed + 1 }),
  });
  const dw = relu6('block_depthwise_relu').apply(norm('block_depthwise_bn').apply(depthwise.apply(stem)));
  const project = norm('block_project_bn').apply(conv('block_project', 8, 1).apply(dw));
  const added = tfl.layers.add({ name: 'block_add' }).apply([stem, project] as tfl.SymbolicTensor[]);
  const pooled = tfl.layers.globalAveragePooling2d({ name: 'pool' }).apply(added);
  const logits = tfl.layers.dense({ name: 'logits', units: 3 }).apply(pooled) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: input, outputs: logits });
  randomiseBatchNorms(model, seed);
  return model;
}

/** Gives every BatchNorm layer non-trivial gamma, beta, mean and variance, so folding is really tested. */
function randomiseBatchNorms(model: tfl.LayersModel, seed: number): void {
  for (const layer of model.layers.filter((l) => l.getClassName() === 'BatchNormalization')) {
    const [channels] = layer.getWeights()[0]?.shape ?? [0];
    const values = tf.tidy(() => [
      tf.randomUniform([channels as number], 0.5, 1.5, 'float32', seed + 10),
      tf.randomUniform([channels as number], -0.5, 0.5, 'float32', seed + 11),
      tf.randomUniform([channels as number], -0.3, 0.3, 'float32', seed + 12),
      tf.randomUniform([channels as number], 0.2, 2, 'float32', seed + 13),
    ]);
    layer.setWeights(values);
    tf.dispose(values);
  }
}

/** Writes a layers model as `model.json` plus `weights.bin` into `folder`. */
export async function saveModelFolder(model: tfl.LayersModel, folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData as ArrayBuffer;
      const manifest = [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }];
      const modelJson = {
        format: 'layers-model',
        modelTopology: artifacts.modelTopology,
        weightsManifest: manifest,
      };
      await writeFile(path.join(folder, 'model.json'), JSON.stringify(modelJson));
      await writeFile(path.join(folder, 'weights.bin'), new Uint8Array(weightData));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
}
