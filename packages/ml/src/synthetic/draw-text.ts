import { GLYPH_ADVANCE, GLYPH_HEIGHT, glyphCells } from './bitmap-font';

export type GrayImage = { pixels: Uint8Array; width: number; height: number };

export type TextStyle = { scale: number; value: number };

/** Width in pixels of `text` drawn at `scale` (without the trailing gap). */
export function textWidth(text: string, scale: number): number {
  return text.length === 0 ? 0 : (text.length * GLYPH_ADVANCE - 1) * scale;
}

export function textHeight(scale: number): number {
  return GLYPH_HEIGHT * scale;
}

/** Longest prefix of `text` that fits in `maxWidth` pixels. */
export function fitText(text: string, maxWidth: number, scale: number): string {
  const fitting = Math.floor((maxWidth / scale + 1) / GLYPH_ADVANCE);
  return text.slice(0, Math.max(0, fitting));
}

/** Burns `text` into the image with its top-left corner at (x, y); cells off the image are clipped. */
export function drawText(image: GrayImage, text: string, x: number, y: number, style: TextStyle): void {
  [...text].forEach((character, index) => {
    const left = x + index * GLYPH_ADVANCE * style.scale;
    glyphCells(character).forEach((row, rowIndex) => {
      row.forEach((isOn, columnIndex) => {
        if (isOn) fillRect(image, left + columnIndex * style.scale, y + rowIndex * style.scale, style);
      });
    });
  });
}

function fillRect(image: GrayImage, x: number, y: number, style: TextStyle): void {
  for (let row = y; row < y + style.scale; row++) {
    if (row < 0 || row >= image.height) continue;
    for (let column = x; column < x + style.scale; column++) {
      if (column >= 0 && column < image.width) image.pixels[row * image.width + column] = style.value;
    }
  }
}
