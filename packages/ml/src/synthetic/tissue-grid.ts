import type { SectorGeometry } from './sector';
import { sampleTissue, type TissueModel, type TissueSample } from './tissue';

/** Log echo and attenuation sampled on a polar grid over the fan (rows by depth, columns by angle). */
export type TissueGrid = { rows: number; columns: number; logEcho: Float32Array; attenuation: Float32Array };

/**
 * Samples the tissue at `rows` depths × `columns` angles spanning the whole fan, edges included.
 * Anatomy varies slowly next to speckle, so a grid coarser than the image is enough.
 */
export function sampleTissueGrid(
  model: TissueModel,
  geometry: SectorGeometry,
  rows: number,
  columns: number,
): TissueGrid {
  const { innerRadius, outerRadius, halfAngle } = geometry;
  const logEcho = new Float32Array(rows * columns);
  const attenuation = new Float32Array(rows * columns);
  const sines = new Float64Array(columns);
  const cosines = new Float64Array(columns);
  for (let column = 0; column < columns; column++) {
    const angle = -halfAngle + (2 * halfAngle * column) / Math.max(1, columns - 1);
    sines[column] = Math.sin(angle);
    cosines[column] = Math.cos(angle);
  }
  const sample: TissueSample = { logEcho: 0, attenuation: 0 };
  for (let row = 0; row < rows; row++) {
    const depth = (innerRadius + ((outerRadius - innerRadius) * row) / Math.max(1, rows - 1)) / outerRadius;
    for (let column = 0; column < columns; column++) {
      sampleTissue(model, depth * sines[column]!, depth * cosines[column]!, depth, sample);
      logEcho[row * columns + column] = sample.logEcho;
      attenuation[row * columns + column] = sample.attenuation;
    }
  }
  return { rows, columns, logEcho, attenuation };
}

/** Bilinear read of a grid field at fractional (row, column), clamped to the grid. */
export function interpolate(field: Float32Array, columns: number, row: number, column: number): number {
  const r0 = Math.floor(row);
  const c0 = Math.floor(column);
  const fr = row - r0;
  const fc = column - c0;
  const top = r0 * columns + c0;
  const c1 = fc > 0 ? 1 : 0;
  const r1 = fr > 0 ? columns : 0;
  const upper = field[top]! * (1 - fc) + field[top + c1]! * fc;
  const lower = field[top + r1]! * (1 - fc) + field[top + r1 + c1]! * fc;
  return upper + (lower - upper) * fr;
}
