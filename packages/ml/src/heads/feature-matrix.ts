import { MlError } from './ml-error';
import type { FeatureInput } from './types';

/** Read access to n feature vectors of one dimension, whichever way they were handed in. */
export type FeatureMatrix = { rowCount: number; dimension: number; row: (index: number) => Float32Array };

function fromRows(rows: readonly Float32Array[], what: string): FeatureMatrix {
  const dimension = rows[0]?.length ?? 0;
  rows.forEach((row, index) => {
    if (row.length !== dimension) {
      throw new MlError(
        'DIMENSION_MISMATCH',
        `${what}: vector ${index} has ${row.length} values, not ${dimension}.`,
        {
          index,
          expected: dimension,
          actual: row.length,
        },
      );
    }
  });
  return { rowCount: rows.length, dimension, row: (index) => rows[index] as Float32Array };
}

function fromFlat(values: Float32Array, dimension: number): FeatureMatrix {
  return {
    rowCount: dimension === 0 ? 0 : values.length / dimension,
    dimension,
    row: (index) => values.subarray(index * dimension, (index + 1) * dimension),
  };
}

/** Features that must hold exactly `rowCount` vectors (one per label). */
export function featuresForRows(features: FeatureInput, rowCount: number, what: string): FeatureMatrix {
  if (!(features instanceof Float32Array)) {
    if (features.length !== rowCount) {
      throw new MlError('DIMENSION_MISMATCH', `${what}: ${features.length} vectors for ${rowCount} labels.`);
    }
    return fromRows(features, what);
  }
  const dimension = rowCount === 0 ? 0 : features.length / rowCount;
  if (!Number.isInteger(dimension)) {
    throw new MlError(
      'DIMENSION_MISMATCH',
      `${what}: ${features.length} values do not split into ${rowCount} rows.`,
    );
  }
  return fromFlat(features, dimension);
}

/** Features that must all have `dimension` values. */
export function featuresOfDimension(features: FeatureInput, dimension: number, what: string): FeatureMatrix {
  const matrix = features instanceof Float32Array ? fromFlat(features, dimension) : fromRows(features, what);
  const isWhole = features instanceof Float32Array ? features.length % dimension === 0 : true;
  if (!isWhole || (matrix.rowCount > 0 && matrix.dimension !== dimension)) {
    throw new MlError('DIMENSION_MISMATCH', `${what}: expected vectors of ${dimension} values.`, {
      expected: dimension,
      actual: matrix.dimension,
    });
  }
  return matrix;
}
