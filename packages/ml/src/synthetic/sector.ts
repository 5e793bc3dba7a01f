import { SyntheticError } from './errors';

/** Axis-aligned box in pixels; the fan and nothing else lies inside it (text and marks are outside). */
export type SectorBox = { x: number; y: number; width: number; height: number };

/** A convex probe's fan: apex above the image, rays within ±halfAngle, between two radii. */
export type SectorGeometry = {
  apexX: number;
  apexY: number;
  innerRadius: number;
  outerRadius: number;
  halfAngle: number;
};

/** Where everything sits in a frame: the fan, the header line, the footer text, the font scale. */
export type FrameLayout = {
  fontScale: number;
  headerY: number;
  footerY: number;
  geometry: SectorGeometry;
  box: SectorBox;
};

/** The probe face's radius relative to the fan's depth. */
const INNER_RADIUS_RATIO = 0.16;
export const MIN_FRAME_SIZE = 64;

export function frameLayout(
  width: number,
  height: number,
  fan: { halfAngle: number; displayScale: number },
): FrameLayout {
  if (!Number.isInteger(width) || !Number.isInteger(height) || Math.min(width, height) < MIN_FRAME_SIZE) {
    throw new SyntheticError('INVALID_OPTIONS', `Frame must be whole pixels, at least ${MIN_FRAME_SIZE}²`);
  }
  const fontScale = Math.max(1, Math.floor(Math.min(width / 320, height / 256)));
  const top = 14 * fontScale;
  const availableHeight = height - 28 * fontScale;
  const availableWidth = width - 20 * fontScale;
  const { halfAngle } = fan;
  const byHeight = availableHeight / (1 - INNER_RADIUS_RATIO * Math.cos(halfAngle));
  const byWidth = availableWidth / (2 * Math.sin(halfAngle));
  const outerRadius = Math.min(byHeight, byWidth) * fan.displayScale;
  const innerRadius = outerRadius * INNER_RADIUS_RATIO;
  const geometry = {
    apexX: width / 2,
    apexY: top - innerRadius * Math.cos(halfAngle),
    innerRadius,
    outerRadius,
    halfAngle,
  };
  return {
    fontScale,
    headerY: 3 * fontScale,
    footerY: height - 10 * fontScale,
    geometry,
    box: sectorBox(geometry),
  };
}

/** The smallest whole-pixel box holding the fan. */
export function sectorBox(geometry: SectorGeometry): SectorBox {
  const { apexX, apexY, innerRadius, outerRadius, halfAngle } = geometry;
  const x = Math.floor(apexX - outerRadius * Math.sin(halfAngle));
  const right = Math.ceil(apexX + outerRadius * Math.sin(halfAngle));
  const y = Math.floor(apexY + innerRadius * Math.cos(halfAngle));
  const bottom = Math.ceil(apexY + outerRadius);
  return { x, y, width: right - x, height: bottom - y };
}
