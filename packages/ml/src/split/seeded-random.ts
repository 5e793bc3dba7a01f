import { createHash } from 'node:crypto';

/** A uniform generator on [0, 1), the same sequence for the same seed on every machine. */
export type RandomSource = () => number;

/** Four 32-bit words of SHA-256(text): the state of the generator below. */
function seedWords(seed: string): [number, number, number, number] {
  const digest = createHash('sha256').update(seed).digest();
  return [digest.readUInt32LE(0), digest.readUInt32LE(4), digest.readUInt32LE(8), digest.readUInt32LE(12)];
}

/**
 * sfc32 (Chris Doty-Humphrey's small fast counter generator), seeded from a string through SHA-256. The state
 * lives in an Int32Array: held in closure variables, words above 2^30 are boxed on every step, which made a
 * draw about twice as slow (the cluster bootstrap draws tens of millions).
 */
export function createRandom(seed: string): RandomSource {
  const state = Int32Array.from(seedWords(seed), (word) => word | 0);
  return () => {
    const a = state[0] as number;
    const b = state[1] as number;
    const c = state[2] as number;
    const d = ((state[3] as number) + 1) | 0;
    const t = (((a + b) | 0) + d) | 0;
    state[0] = b ^ (b >>> 9);
    state[1] = (c + (c << 3)) | 0;
    state[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    state[3] = d;
    return (t >>> 0) / 4294967296;
  };
}

/** Standard normal draws by the Box-Muller transform. */
export function createNormalRandom(seed: string): RandomSource {
  const uniform = createRandom(seed);
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

/** An integer in [0, bound). */
export function randomInteger(random: RandomSource, bound: number): number {
  return Math.floor(random() * bound);
}

/** Fisher-Yates shuffle of `values` in place. */
export function shuffleInPlace<T>(
  values: { [index: number]: T; length: number },
  random: RandomSource,
): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = randomInteger(random, i + 1);
    const held = values[i] as T;
    values[i] = values[j] as T;
    values[j] = held;
  }
}
