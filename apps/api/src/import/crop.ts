import { ImportFileError } from './errors';

/** A crop box in image pixels: top-left corner and size. */
export type CropBox = { x: number; y: number; width: number; height: number };

const isNonNegativeInteger = (value: number) => Number.isInteger(value) && value >= 0;

/**
 * Checks that a crop box has a positive area and lies inside an image of `width` × `height` pixels.
 * Returns the box unchanged, or throws `CROP_OUT_OF_BOUNDS`.
 */
export function validateCrop(crop: CropBox, width: number, height: number): CropBox {
  const { x, y } = crop;
  const label = cropKey(crop);
  if (![x, y, crop.width, crop.height].every(isNonNegativeInteger)) {
    throw new ImportFileError(
      'CROP_OUT_OF_BOUNDS',
      `Crop ${label} must be whole, non-negative pixel numbers.`,
    );
  }
  if (crop.width === 0 || crop.height === 0) {
    throw new ImportFileError(
      'CROP_OUT_OF_BOUNDS',
      `Crop ${label} has no area (width and height must be > 0).`,
    );
  }
  if (x + crop.width > width || y + crop.height > height) {
    throw new ImportFileError(
      'CROP_OUT_OF_BOUNDS',
      `Crop ${label} (x,y,width,height) reaches outside the ${width} × ${height} image.`,
    );
  }
  return crop;
}

/** A stable text key for a crop box: `'x,y,width,height'`, or `'full'` for the whole image. */
export function cropKey(crop: CropBox | null): string {
  return crop === null ? 'full' : `${crop.x},${crop.y},${crop.width},${crop.height}`;
}

const CROP_TEXT = /^\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*$/;

/** Reads `'x,y,width,height'` (non-negative integers, positive width and height); null when malformed. */
export function parseCrop(text: string): CropBox | null {
  const match = CROP_TEXT.exec(text);
  if (!match) return null;
  const [x, y, width, height] = match.slice(1).map(Number) as [number, number, number, number];
  if (width === 0 || height === 0) return null;
  return { x, y, width, height };
}
