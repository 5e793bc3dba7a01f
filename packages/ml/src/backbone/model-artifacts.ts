import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';
import { BackboneError } from './backbone-error';

/** A layers model's topology and weights in memory, with a digest of both. */
export type LoadedArtifacts = { artifacts: tf.io.ModelArtifacts; digest: string };

type ModelJson = {
  format?: string;
  modelTopology?: unknown;
  weightsManifest?: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
};

/** Short SHA-256 over the topology and the weight bytes: it changes whenever the weights do. */
export function digestArtifacts(topology: unknown, weights: Uint8Array): string {
  return createHash('sha256').update(JSON.stringify(topology)).update(weights).digest('hex').slice(0, 12);
}

/** Builds in-memory artifacts from a `model.json` object and a reader for its weight files. */
export async function artifactsFromModelJson(
  modelJson: ModelJson,
  readWeights: (fileName: string) => Promise<Uint8Array>,
): Promise<LoadedArtifacts> {
  const isLayersModel = modelJson.format !== 'graph-model' && modelJson.modelTopology != null;
  if (!isLayersModel) {
    throw new BackboneError('BACKBONE_UNSUPPORTED', 'only TF.js layers models can be cut at a named layer');
  }
  const groups = modelJson.weightsManifest ?? [];
  const parts: Uint8Array[] = [];
  for (const group of groups) for (const fileName of group.paths) parts.push(await readWeights(fileName));
  const weights = Buffer.concat(parts);
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength);
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: modelJson.modelTopology as tf.io.ModelArtifacts['modelTopology'],
    weightSpecs: groups.flatMap((group) => group.weights),
    weightData,
    format: modelJson.format,
  };
  return { artifacts, digest: digestArtifacts(modelJson.modelTopology, weights) };
}

async function readJsonFile(file: string): Promise<ModelJson> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as ModelJson;
  } catch (error) {
    throw new BackboneError('BACKBONE_LOAD_FAILED', `cannot read ${file} as JSON`, { cause: error });
  }
}

/** Reads a local TF.js layers model: a folder with `model.json`, or the `model.json` path itself. */
export async function loadLocalArtifacts(modelPath: string): Promise<LoadedArtifacts> {
  const info = await stat(modelPath).catch(() => null);
  const modelFile = info?.isDirectory() ? path.join(modelPath, 'model.json') : modelPath;
  const fileInfo = info?.isDirectory() ? await stat(modelFile).catch(() => null) : info;
  if (!fileInfo?.isFile()) throw new BackboneError('BACKBONE_NOT_FOUND', `no TF.js model at ${modelPath}`);
  const folder = path.dirname(modelFile);
  return artifactsFromModelJson(await readJsonFile(modelFile), async (fileName) => {
    try {
      return await readFile(path.join(folder, fileName));
    } catch (error) {
      throw new BackboneError('BACKBONE_LOAD_FAILED', `missing weight file ${fileName} beside ${modelFile}`, {
        cause: error,
      });
    }
  });
}
