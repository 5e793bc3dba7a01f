import { createNormalRandom, createRandom } from '../split/seeded-random';

export type GaussianClassesOptions = {
  count: number;
  dimension: number;
  classCount: number;
  /** Distance of the class centres in units of the within-class spread; larger is easier. */
  separation: number;
  seed: string;
  /** Relative frequency of each class; equal by default. */
  classShares?: readonly number[];
  /** Dimension of the latent space the classes live in (at most `dimension`). */
  latentDimension?: number;
};

function drawLabel(shares: readonly number[], draw: number): number {
  const total = shares.reduce((sum, share) => sum + share, 0);
  let cumulative = 0;
  for (let c = 0; c < shares.length; c++) {
    cumulative += (shares[c] as number) / total;
    if (draw < cumulative) return c;
  }
  return shares.length - 1;
}

/**
 * Embedding-like test vectors: Gaussian classes in a low-dimensional latent space, mapped into `dimension`
 * values by a fixed random matrix and a ReLU (non-negative, correlated, like pooled CNN features).
 * The same options always give the same vectors; `seed` fixes the class centres, `${seed}` draws the rest.
 */
export function makeGaussianClasses(options: GaussianClassesOptions): {
  features: Float32Array;
  labels: Int32Array;
} {
  const { count, dimension, classCount, separation, seed } = options;
  const latent = Math.min(options.latentDimension ?? 32, dimension);
  const geometry = createNormalRandom(`${seed}:geometry`);
  const mixing = Float32Array.from({ length: dimension * latent }, () => geometry() / Math.sqrt(latent));
  const centres = Float32Array.from({ length: classCount * latent }, () => geometry() * separation);
  const noise = createNormalRandom(`${seed}:noise`);
  const pick = createRandom(`${seed}:labels`);
  const shares = options.classShares ?? Array.from({ length: classCount }, () => 1);
  const features = new Float32Array(count * dimension);
  const labels = new Int32Array(count);
  const z = new Float32Array(latent);
  for (let i = 0; i < count; i++) {
    const label = drawLabel(shares, pick());
    labels[i] = label;
    for (let l = 0; l < latent; l++) z[l] = (centres[label * latent + l] as number) + noise();
    for (let j = 0; j < dimension; j++) {
      let value = 0.3 * noise();
      for (let l = 0; l < latent; l++) value += (mixing[j * latent + l] as number) * (z[l] as number);
      features[i * dimension + j] = Math.max(0, value);
    }
  }
  return { features, labels };
}
