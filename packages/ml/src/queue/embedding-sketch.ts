import { createRandom } from '../split/seeded-random';

export type SketchOptions = { sketchDimension?: number; seed?: string };

/** One output coordinate of a very sparse random projection: signed sum of a few input coordinates. */
type ProjectionRow = { indices: Int32Array; signs: Float32Array };

/**
 * Very sparse random projection (Li, Hastie & Church 2006): each output coordinate adds about √d
 * randomly signed input coordinates, so a sketch costs n · r · √d operations instead of n · r · d and
 * still keeps inner products of unit vectors in expectation.
 */
function projectionRows(dimension: number, sketchDimension: number, seed: string): ProjectionRow[] {
  const random = createRandom(`${seed}:sketch`);
  const density = 1 / Math.sqrt(dimension);
  return Array.from({ length: sketchDimension }, () => {
    const indices: number[] = [];
    const signs: number[] = [];
    for (let j = 0; j < dimension; j++) {
      if (random() >= density) continue;
      indices.push(j);
      signs.push(random() < 0.5 ? -1 : 1);
    }
    return { indices: Int32Array.from(indices), signs: Float32Array.from(signs) };
  });
}

function normalizeInPlace(values: Float32Array): Float32Array {
  let norm = 0;
  for (const value of values) norm += value * value;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let j = 0; j < values.length; j++) values[j] = (values[j] as number) * scale;
  return values;
}

/**
 * Unit-length sketches whose dot products approximate the cosine similarity of the embeddings: the
 * normalised embedding itself when it has at most `sketchDimension` values (exact), else a normalised
 * sparse random projection to `sketchDimension` values (default 64).
 */
export function sketchEmbeddings(
  embeddings: readonly Float32Array[],
  options: SketchOptions = {},
): Float32Array[] {
  const { sketchDimension = 64, seed = 'loupe' } = options;
  const dimension = embeddings[0]?.length ?? 0;
  if (dimension <= sketchDimension)
    return embeddings.map((embedding) => normalizeInPlace(Float32Array.from(embedding)));
  const rows = projectionRows(dimension, sketchDimension, seed);
  return embeddings.map((embedding) => {
    const sketch = new Float32Array(sketchDimension);
    rows.forEach(({ indices, signs }, k) => {
      let sum = 0;
      for (let t = 0; t < indices.length; t++)
        sum += (signs[t] as number) * (embedding[indices[t] as number] as number);
      sketch[k] = sum;
    });
    return normalizeInPlace(sketch);
  });
}

/** 1 − a · b for unit-length sketches, clamped to [0, 2]. */
export function cosineDistance(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let j = 0; j < a.length; j++) dot += (a[j] as number) * (b[j] as number);
  return Math.min(2, Math.max(0, 1 - dot));
}
