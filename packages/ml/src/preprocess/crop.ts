/** A crop box in image pixels (after EXIF orientation), top-left origin. */
export type Crop = { x: number; y: number; width: number; height: number };

/** The resize-then-centre-crop geometry: images are squashed to `resizeTo` squared, then cropped to `inputSize`. */
export type Geometry = { resizeTo: number; offset: number; inputSize: number };

/** The paper's 256 → 224 rule, scaled for other input sizes (299 → 342 → 299). */
export function geometryFor(inputSize: number): Geometry {
  const resizeTo = Math.max(256, Math.round((inputSize * 256) / 224));
  return { resizeTo, offset: Math.floor((resizeTo - inputSize) / 2), inputSize };
}

/** The area two boxes share over the area they cover together: 1 for the same box, 0 for disjoint ones. */
export function intersectionOverUnion(a: Crop, b: Crop): number {
  const width = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x));
  const height = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
  const overlap = width * height;
  return overlap / (a.width * a.height + b.width * b.height - overlap);
}

/**
 * Rounds a crop box to whole pixels and clips it to the image. Returns null when nothing of it is left
 * (entirely outside, or zero-sized).
 */
export function clipCrop(crop: Crop, imageWidth: number, imageHeight: number): Crop | null {
  const left = Math.max(0, Math.round(crop.x));
  const top = Math.max(0, Math.round(crop.y));
  const right = Math.min(imageWidth, Math.round(crop.x + crop.width));
  const bottom = Math.min(imageHeight, Math.round(crop.y + crop.height));
  if (right - left < 1 || bottom - top < 1) return null;
  return { x: left, y: top, width: right - left, height: bottom - top };
}
