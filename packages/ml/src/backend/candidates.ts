import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type BackendName = 'node-gpu' | 'node' | 'wasm' | 'cpu';

/** A backend that could be activated: `activate` throws (with a readable message) when it cannot. */
export type BackendCandidate = {
  name: BackendName;
  activate: () => Promise<{ simd: boolean; threads: number }>;
};

const require = createRequire(import.meta.url);

/** The folder holding the backend's `.wasm` files, as a file path ending in a separator. */
export function wasmFolder(): string {
  const wasmFile = require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm');
  return `${path.dirname(wasmFile)}${path.sep}`;
}

async function switchTo(backend: string): Promise<void> {
  const isSet = await tf.setBackend(backend);
  if (!isSet) throw new Error(`the "${backend}" backend failed to initialise`);
  await tf.ready();
}

/** Loads an optional native package by name; the name is a variable so bundlers and tsc leave it alone. */
async function activateNative(packageName: string): Promise<{ simd: boolean; threads: number }> {
  try {
    await import(/* @vite-ignore */ packageName);
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    const isMissing = code === 'ERR_MODULE_NOT_FOUND' && String(message).includes(packageName);
    throw new Error(
      isMissing ? `${packageName} is not installed` : `${packageName} failed to load: ${error}`,
    );
  }
  if (!tf.findBackend('tensorflow')) {
    throw new Error(`${packageName} loaded but registered no "tensorflow" backend in this copy of tfjs-core`);
  }
  await switchTo('tensorflow');
  return { simd: true, threads: availableParallelism() };
}

let isWasmPathSet = false;

async function activateWasm(): Promise<{ simd: boolean; threads: number }> {
  if (!isWasmPathSet) {
    // Node reads the binaries from disk; `setWasmPaths` must run before the backend first initialises.
    setWasmPaths(wasmFolder());
    isWasmPathSet = true;
  }
  await switchTo('wasm');
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  const hasThreads = Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
  return { simd, threads: hasThreads ? availableParallelism() : 1 };
}

async function activateCpu(): Promise<{ simd: boolean; threads: number }> {
  await switchTo('cpu');
  return { simd: false, threads: 1 };
}

/** Every backend Loupe knows, best first. */
export const backendCandidates: readonly BackendCandidate[] = [
  { name: 'node-gpu', activate: () => activateNative('@tensorflow/tfjs-node-gpu') },
  { name: 'node', activate: () => activateNative('@tensorflow/tfjs-node') },
  { name: 'wasm', activate: activateWasm },
  { name: 'cpu', activate: activateCpu },
];
