import type { FeatureMatrix } from './feature-matrix';

/** x' = (x − mean) · scale; a dimension that does not vary in training gets scale 0 and is ignored. */
export type Standardization = { mean: Float32Array; scale: Float32Array };

/** Per-dimension mean and 1 / standard deviation over the training vectors (two passes, float64 sums). */
export function fitStandardization(matrix: FeatureMatrix): Standardization {
  const { rowCount, dimension } = matrix;
  const sums = new Float64Array(dimension);
  for (let i = 0; i < rowCount; i++) {
    const row = matrix.row(i);
    for (let j = 0; j < dimension; j++) sums[j] = (sums[j] as number) + (row[j] as number);
  }
  const mean = Float32Array.from(sums, (sum) => sum / rowCount);
  const squares = new Float64Array(dimension);
  for (let i = 0; i < rowCount; i++) {
    const row = matrix.row(i);
    for (let j = 0; j < dimension; j++) {
      const centred = (row[j] as number) - (mean[j] as number);
      squares[j] = (squares[j] as number) + centred * centred;
    }
  }
  const deviations = Float64Array.from(squares, (square) => Math.sqrt(square / rowCount));
  const floor = 1e-6 * Math.max(0, ...deviations) + 1e-12;
  const scale = Float32Array.from(deviations, (deviation) => (deviation > floor ? 1 / deviation : 0));
  return { mean, scale };
}

/** Writes the standardised `row` into `out`. */
export function standardizeRow(row: Float32Array, standardization: Standardization, out: Float32Array): void {
  const { mean, scale } = standardization;
  for (let j = 0; j < out.length; j++)
    out[j] = ((row[j] as number) - (mean[j] as number)) * (scale[j] as number);
}
