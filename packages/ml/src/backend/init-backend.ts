import * as tf from '@tensorflow/tfjs-core';
import { type BackendCandidate, type BackendName, backendCandidates } from './candidates';

export type BackendPreference = 'auto' | 'gpu' | 'node' | 'wasm' | 'cpu';

export type BackendInfo = {
  name: BackendName;
  /** Why this backend: which better ones were tried and why they were passed over. */
  reason: string;
  tfjsVersion: string;
  simd: boolean;
  threads: number;
};

export type InitBackendOptions = {
  /** Where to report the choice; defaults to `console.error` (standard error keeps --json output clean). Pass `() => {}` to stay quiet. */
  log?: (message: string) => void;
  candidates?: readonly BackendCandidate[];
};

const firstByPreference: Record<BackendPreference, BackendName> = {
  auto: 'node-gpu',
  gpu: 'node-gpu',
  node: 'node',
  wasm: 'wasm',
  cpu: 'cpu',
};

/** The candidates to try for a preference: the preferred one, then every worse one. */
export function candidatesFor(
  preference: BackendPreference,
  candidates: readonly BackendCandidate[] = backendCandidates,
): BackendCandidate[] {
  const start = candidates.findIndex((candidate) => candidate.name === firstByPreference[preference]);
  return candidates.slice(Math.max(start, 0));
}

function describeReason(preference: BackendPreference, name: BackendName, skipped: string[]): string {
  const chosen =
    preference === 'auto' ? `${name} is the best available` : `${name} (preferred: ${preference})`;
  return skipped.length === 0 ? chosen : `${chosen}; passed over: ${skipped.join('; ')}`;
}

/**
 * Activates the best TensorFlow.js backend available for the preference, falling back down the list
 * (node-gpu → node → wasm → cpu). Optional packages that are missing or broken are skipped, never fatal.
 */
export async function initBackend(
  preference: BackendPreference = 'auto',
  options: InitBackendOptions = {},
): Promise<BackendInfo> {
  const log = options.log ?? ((message: string) => console.error(message));
  const skipped: string[] = [];
  for (const candidate of candidatesFor(preference, options.candidates)) {
    try {
      const { simd, threads } = await candidate.activate();
      const reason = describeReason(preference, candidate.name, skipped);
      const info = { name: candidate.name, reason, tfjsVersion: tf.version_core, simd, threads };
      log(
        `[loupe/ml] TensorFlow.js ${info.tfjsVersion} backend: ${reason} (simd ${simd}, threads ${threads})`,
      );
      return info;
    } catch (error) {
      skipped.push(`${candidate.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(`no TensorFlow.js backend could start: ${skipped.join('; ')}`);
}

const preferenceOfBackend: Record<BackendName, BackendPreference> = {
  'node-gpu': 'gpu',
  node: 'node',
  wasm: 'wasm',
  cpu: 'cpu',
};

let starting: Promise<unknown> | undefined;

/**
 * Makes sure this thread has an active TensorFlow.js backend, starting one (quietly) when none is: what the
 * MLP head trains and predicts on. The embedder starts one in each of its worker threads, which leaves the
 * thread that trains heads without one unless it embeds too. `like` is the backend to start, by name (the
 * embedder's); without it the best available.
 */
export async function ensureTensorBackend(like?: BackendName): Promise<void> {
  if (tf.engine().backendName) return;
  starting ??= initBackend(like ? preferenceOfBackend[like] : 'auto', { log: () => {} }).catch((error) => {
    starting = undefined;
    throw error;
  });
  await starting;
}
