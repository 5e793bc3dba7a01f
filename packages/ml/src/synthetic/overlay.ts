import { drawText, fitText, type GrayImage } from './draw-text';
import type { FrameLayout } from './sector';

const TEXT_VALUE = 235;
const MARK_VALUE = 170;

/**
 * Burns the scanner's marks into the frame, all outside the fan's box: the header line above it, the
 * technologist's text in the bottom-left corner, a depth scale to its right and the orientation mark.
 */
export function drawOverlay(
  image: GrayImage,
  layout: FrameLayout,
  header: string,
  text: string,
  depthCm: number,
): void {
  const { fontScale: scale, box } = layout;
  const margin = 4 * scale;
  const maxWidth = image.width - 2 * margin;
  drawText(image, fitText(header, maxWidth, scale), margin, layout.headerY, { scale, value: TEXT_VALUE });
  drawText(image, fitText(text, maxWidth, scale), margin, layout.footerY, { scale, value: TEXT_VALUE });
  drawDepthScale(image, layout, depthCm);
  fillBox(image, box.x - 6 * scale, box.y, 3 * scale, 3 * scale, TEXT_VALUE);
}

function drawDepthScale(image: GrayImage, layout: FrameLayout, depthCm: number): void {
  const { fontScale: scale, box, geometry } = layout;
  const left = box.x + box.width + 2 * scale;
  const probeFace = geometry.apexY + geometry.innerRadius;
  const perCm = (geometry.outerRadius - geometry.innerRadius) / depthCm;
  for (let cm = 0; cm <= depthCm; cm++) {
    const y = Math.min(box.y + box.height - scale, Math.round(probeFace + cm * perCm));
    fillBox(image, left, y, (cm % 5 === 0 ? 4 : 2) * scale, scale, MARK_VALUE);
  }
}

function fillBox(image: GrayImage, x: number, y: number, width: number, height: number, value: number): void {
  for (let row = Math.max(0, y); row < Math.min(image.height, y + height); row++) {
    for (let column = Math.max(0, x); column < Math.min(image.width, x + width); column++) {
      image.pixels[row * image.width + column] = value;
    }
  }
}
