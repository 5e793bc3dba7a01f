/**
 * Seeded randomness for the synthetic generator. The generator is mulberry32 (a public-domain 32-bit
 * PRNG): tiny, fast and good enough for pictures; it is not for anything security related.
 */

export type Random = {
  /** Uniform in [0, 1). */
  next: () => number;
  uniform: (min: number, max: number) => number;
  /** Integer in [0, maxExclusive). */
  int: (maxExclusive: number) => number;
  pick: <T>(items: readonly T[]) => T;
  /** Standard normal (Box–Muller). */
  normal: () => number;
  chance: (probability: number) => boolean;
  /** Uniform in [-1, 1] times `amount`. */
  jitter: (amount: number) => number;
};

export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes integer parts into one 32-bit seed (murmur3 finaliser per part), for independent streams. */
export function hashSeed(...parts: number[]): number {
  let hash = 0x9e3779b9;
  for (const part of parts) {
    hash = Math.imul(hash ^ (part >>> 0), 0x85ebca6b);
    hash ^= hash >>> 13;
    hash = Math.imul(hash, 0xc2b2ae35);
    hash ^= hash >>> 16;
  }
  return hash >>> 0;
}

export function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  const uniform = (min: number, max: number) => min + (max - min) * next();
  const int = (maxExclusive: number) => Math.floor(next() * maxExclusive);
  return {
    next,
    uniform,
    int,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('Cannot pick from an empty list');
      return items[int(items.length)] as T;
    },
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    chance: (probability: number) => next() < probability,
    jitter: (amount: number) => uniform(-amount, amount),
  };
}

/** Fills two arrays with independent standard normals (Box–Muller pairs). */
export function fillNormalPairs(next: () => number, real: Float32Array, imaginary: Float32Array): void {
  for (let i = 0; i < real.length; i++) {
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    const angle = 2 * Math.PI * next();
    real[i] = radius * Math.cos(angle);
    imaginary[i] = radius * Math.sin(angle);
  }
}
