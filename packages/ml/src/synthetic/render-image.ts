import sharp from 'sharp';
import { type RenderOptions, renderFrame } from './render-frame';
import type { SectorBox } from './sector';

export type RenderedImage = {
  png: Uint8Array;
  width: number;
  height: number;
  sector: SectorBox;
  text: string;
};

/** Renders one frame and encodes it as an 8-bit grayscale PNG (deterministic bytes). */
export async function renderImage(options: RenderOptions): Promise<RenderedImage> {
  const frame = renderFrame(options);
  const png = await encodeGrayPng(frame.pixels, frame.width, frame.height);
  return { png, width: frame.width, height: frame.height, sector: frame.sector, text: frame.text };
}

export async function encodeGrayPng(pixels: Uint8Array, width: number, height: number): Promise<Uint8Array> {
  const buffer = await sharp(pixels, { raw: { width, height, channels: 1 } })
    .toColourspace('b-w')
    .png({ compressionLevel: 6, adaptiveFiltering: false })
    .toBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
