import sharp from 'sharp';
import type { Crop } from './crop';
import { PreprocessError } from './preprocess-error';

/** The longest side of the grid the frame is looked at on: a box to within a few pixels of the source. */
const GRID_SIZE = 256;
/**
 * Grey level above which a pixel is picture: the scanner's background is black, while even the darkest parts
 * of a scan (fluid, the attenuated far field) have some speckle above it.
 */
const PICTURE_LEVEL = 6;
/** Share of a grid cell's pixels that must be picture for the cell to be. */
const CELL_SHARE = 0.1;
/**
 * A scan is speckle: neighbouring pixels differ. A pixel is textured when it differs from its left or upper
 * neighbour by at least this many grey levels, and a cell is picture only when this share of its pixels are
 * textured too. The flat grey panels of scanner screens (menus, patient data) are bright but not textured.
 */
const TEXTURE_STEP = 2;
const TEXTURE_SHARE = 0.1;
/** The smallest share of the frame a picture may cover; below it there is no suggestion. */
const SMALLEST_SHARE = 0.05;

/**
 * A suggested crop box for an ultrasound frame: the box of the scan itself, without the scanner's text, marks
 * and flat panels around it (what the paper cropped away). The frame is split into picture (bright and
 * textured: speckle) and background (black, or flat grey) on a grid of at most 256 cells a side; an opening wipes out thin strokes (text, scales, marks), a closing fills
 * the scan's dark patches, and the box holds the largest connected region with any other region at least a
 * quarter its size (a scan split by a dark band). Null when no region covers 5 % of the frame (a frame
 * without a black border, say). Unreadable bytes throw DECODE_FAILED.
 */
export async function suggestCropBox(bytes: Uint8Array): Promise<Crop | null> {
  let frame: { data: Buffer; width: number; height: number };
  try {
    const { data, info } = await sharp(bytes, { failOn: 'error' })
      .autoOrient()
      .toColourspace('b-w')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 1) throw new Error(`unexpected decoded layout with ${info.channels} channels`);
    frame = { data, width: info.width, height: info.height };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PreprocessError('DECODE_FAILED', `cannot decode the image: ${reason}`, { cause: error });
  }
  const { width, height } = frame;
  const cell = Math.max(1, Math.ceil(Math.max(width, height) / GRID_SIZE));
  const grid = pictureGrid(frame.data, width, height, cell);
  const region = pictureRegion(grid.mask, grid.width, grid.height);
  if (!region || region.area < SMALLEST_SHARE * grid.width * grid.height) return null;
  const x = Math.min(width - 1, region.left * cell);
  const y = Math.min(height - 1, region.top * cell);
  const right = Math.min(width, (region.right + 1) * cell);
  const bottom = Math.min(height, (region.bottom + 1) * cell);
  return { x, y, width: right - x, height: bottom - y };
}

/**
 * The frame on a grid of `cell` × `cell` pixel cells: 1 where enough of a cell's pixels are above the black
 * background and enough of them are textured (differ from a neighbour).
 */
function pictureGrid(pixels: Uint8Array, width: number, height: number, cell: number) {
  const gridWidth = Math.ceil(width / cell);
  const gridHeight = Math.ceil(height / cell);
  const bright = new Uint32Array(gridWidth * gridHeight);
  const textured = new Uint32Array(gridWidth * gridHeight);
  for (let y = 0; y < height; y++) {
    const row = ((y / cell) | 0) * gridWidth;
    for (let x = 0; x < width; x++) {
      const at = y * width + x;
      const value = pixels[at]!;
      if (value <= PICTURE_LEVEL) continue;
      const index = row + ((x / cell) | 0);
      bright[index]!++;
      const left = x > 0 ? Math.abs(value - pixels[at - 1]!) : 0;
      const up = y > 0 ? Math.abs(value - pixels[at - width]!) : 0;
      if (left >= TEXTURE_STEP || up >= TEXTURE_STEP) textured[index]!++;
    }
  }
  const mask = new Uint8Array(bright.length);
  for (let gy = 0; gy < gridHeight; gy++) {
    for (let gx = 0; gx < gridWidth; gx++) {
      const index = gy * gridWidth + gx;
      const cellPixels = (Math.min(cell, width - gx * cell) * Math.min(cell, height - gy * cell)) | 0;
      const isPicture =
        bright[index]! >= CELL_SHARE * cellPixels && textured[index]! >= TEXTURE_SHARE * cellPixels;
      mask[index] = isPicture ? 1 : 0;
    }
  }
  return { mask, width: gridWidth, height: gridHeight };
}

type Region = { left: number; top: number; right: number; bottom: number; area: number };

/**
 * After an opening and a closing of the mask, the bounding box of its largest 4-connected region together
 * with the regions at least a quarter its size; its area is theirs.
 */
function pictureRegion(picture: Uint8Array, width: number, height: number): Region | null {
  let mask = dilate(erode(picture, width, height, 2), width, height, 2); // opening: thin strokes go
  mask = erode(dilate(mask, width, height, 3), width, height, 3); // closing: dark patches fill
  const regions: Region[] = [];
  const seen = new Uint8Array(width * height);
  const stack = new Int32Array(width * height);
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || seen[start]) continue;
    const region: Region = { left: width, top: height, right: -1, bottom: -1, area: 0 };
    let depth = 0;
    stack[depth++] = start;
    seen[start] = 1;
    while (depth > 0) {
      const at = stack[--depth]!;
      const x = at % width;
      const y = (at - x) / width;
      region.area++;
      region.left = Math.min(region.left, x);
      region.right = Math.max(region.right, x);
      region.top = Math.min(region.top, y);
      region.bottom = Math.max(region.bottom, y);
      const neighbours = [x > 0 ? at - 1 : -1, x < width - 1 ? at + 1 : -1, y > 0 ? at - width : -1];
      neighbours.push(y < height - 1 ? at + width : -1);
      for (const next of neighbours) {
        if (next >= 0 && mask[next] && !seen[next]) {
          seen[next] = 1;
          stack[depth++] = next;
        }
      }
    }
    regions.push(region);
  }
  const largest = Math.max(0, ...regions.map((region) => region.area));
  const kept = regions.filter((region) => region.area >= largest / 4);
  if (kept.length === 0) return null;
  return kept.reduce((union, region) => ({
    left: Math.min(union.left, region.left),
    top: Math.min(union.top, region.top),
    right: Math.max(union.right, region.right),
    bottom: Math.max(union.bottom, region.bottom),
    area: union.area + region.area,
  }));
}

/** Square-window erosion (a pixel stays only if every pixel within `radius` is set), separably. */
function erode(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  return window(window(mask, width, height, radius, true, 'rows'), width, height, radius, true, 'columns');
}

/** Square-window dilation (a pixel is set if any pixel within `radius` is), separably. */
function dilate(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  return window(window(mask, width, height, radius, false, 'rows'), width, height, radius, false, 'columns');
}

/** One pass along rows or columns: all (erosion) or any (dilation) of the pixels within `radius`. */
function window(
  mask: Uint8Array,
  width: number,
  height: number,
  radius: number,
  isAll: boolean,
  along: 'rows' | 'columns',
): Uint8Array {
  const out = new Uint8Array(mask.length);
  const [lines, length] = along === 'rows' ? [height, width] : [width, height];
  const at = (line: number, position: number) =>
    along === 'rows' ? line * width + position : position * width + line;
  for (let line = 0; line < lines; line++) {
    for (let position = 0; position < length; position++) {
      let value = isAll ? 1 : 0;
      for (let offset = -radius; offset <= radius; offset++) {
        const other = position + offset;
        // Beyond the frame neither erodes a region that touches the edge nor dilates into it.
        const set = other >= 0 && other < length ? mask[at(line, other)]! : isAll ? 1 : 0;
        if (isAll && !set) {
          value = 0;
          break;
        }
        if (!isAll && set) {
          value = 1;
          break;
        }
      }
      out[at(line, position)] = value;
    }
  }
  return out;
}
