import { createHash } from 'node:crypto';

/** A uniform generator on [0, 1), the same sequence for the same seed on every machine. */
export type RandomSource = () => number;

/** Four 32-bit words of SHA-256(text): the state of the generator below. */
function seedWords(seed: string): [number, number, number, number] {
  const digest = createHash('sha256').update(seed).digest();
  return [digest.readUInt32LE(0), digest.readUInt32LE(4), digest.readUInt32LE(8), digest.readUInt32LE(12)];
}

/** sfc32 (Chris Doty-Humphrey's small fast counter generator), seeded from a string through SHA-256. */
export function createRandom(seed: string): RandomSource {
  let [a, b, c, d] = seedWords(seed);
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
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
