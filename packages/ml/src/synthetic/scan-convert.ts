import type { GrayImage } from './draw-text';
import type { PolarFrame } from './polar-frame';
import type { SectorBox, SectorGeometry } from './sector';

/** For every image pixel inside the fan: where it reads the polar frame (a cell and bilinear weights). */
type ScanTable = {
  pixels: Int32Array;
  cells: Int32Array;
  rowWeights: Float32Array;
  columnWeights: Float32Array;
};

let cached: { key: string; table: ScanTable } | undefined;

/**
 * Draws the polar frame into the image as the fan (bilinear interpolation between beams and depths).
 * Only pixels whose centre lies inside the fan are written, all of them inside `box`.
 */
export function scanConvert(
  frame: PolarFrame,
  geometry: SectorGeometry,
  box: SectorBox,
  image: GrayImage,
): void {
  const table = scanTable(frame, geometry, box, image);
  const { values, columns } = frame;
  for (let i = 0; i < table.pixels.length; i++) {
    const cell = table.cells[i]!;
    const fr = table.rowWeights[i]!;
    const fc = table.columnWeights[i]!;
    const upper = values[cell]! * (1 - fc) + values[cell + 1]! * fc;
    const lower = values[cell + columns]! * (1 - fc) + values[cell + columns + 1]! * fc;
    const value = upper + (lower - upper) * fr;
    image.pixels[table.pixels[i]!] = value <= 0 ? 0 : value >= 255 ? 255 : Math.round(value);
  }
}

/** The lookup table for one frame geometry; frames of one study share it, so the last one is kept. */
function scanTable(frame: PolarFrame, geometry: SectorGeometry, box: SectorBox, image: GrayImage): ScanTable {
  const key = JSON.stringify([geometry, box, image.width, image.height, frame.rows, frame.columns]);
  if (cached?.key === key) return cached.table;
  const table = buildScanTable(frame, geometry, box, image);
  cached = { key, table };
  return table;
}

function buildScanTable(
  frame: PolarFrame,
  geometry: SectorGeometry,
  box: SectorBox,
  image: GrayImage,
): ScanTable {
  const { apexX, apexY, innerRadius, outerRadius, halfAngle } = geometry;
  const radialStep = (outerRadius - innerRadius) / frame.rows;
  const angularStep = (2 * halfAngle) / frame.columns;
  const pixels: number[] = [];
  const cells: number[] = [];
  const rowWeights: number[] = [];
  const columnWeights: number[] = [];
  for (let y = Math.max(0, box.y); y < Math.min(image.height, box.y + box.height); y++) {
    for (let x = Math.max(0, box.x); x < Math.min(image.width, box.x + box.width); x++) {
      const dx = x + 0.5 - apexX;
      const dy = y + 0.5 - apexY;
      const radius = Math.sqrt(dx * dx + dy * dy);
      const angle = Math.atan2(dx, dy);
      if (radius < innerRadius || radius > outerRadius || Math.abs(angle) > halfAngle) continue;
      const row = clamp((radius - innerRadius) / radialStep - 0.5, frame.rows - 1);
      const column = clamp((angle + halfAngle) / angularStep - 0.5, frame.columns - 1);
      const row0 = Math.min(Math.floor(row), frame.rows - 2);
      const column0 = Math.min(Math.floor(column), frame.columns - 2);
      pixels.push(y * image.width + x);
      cells.push(row0 * frame.columns + column0);
      rowWeights.push(row - row0);
      columnWeights.push(column - column0);
    }
  }
  return {
    pixels: Int32Array.from(pixels),
    cells: Int32Array.from(cells),
    rowWeights: Float32Array.from(rowWeights),
    columnWeights: Float32Array.from(columnWeights),
  };
}

function clamp(value: number, max: number): number {
  return Math.min(max, Math.max(0, value));
}
