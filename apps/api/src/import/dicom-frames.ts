import sharp from 'sharp';
import type { PixelModule } from './dicom-pixel-module';
import type { RawFrame } from './dicom-pixels';
import { causeMessage, ImportFileError } from './errors';

export type FrameSelection = 'all' | 'first' | 'middle';

/** Which frames of a multi-frame image to import: all, the first, or the middle one (`⌊n / 2⌋`). */
export function selectFrames(numberOfFrames: number, selection: FrameSelection): number[] {
  if (selection === 'first') return [0];
  if (selection === 'middle') return [Math.floor(numberOfFrames / 2)];
  return Array.from({ length: numberOfFrames }, (_, index) => index);
}

export type EncodedFrame = {
  png: Uint8Array;
  width: number;
  height: number;
  bitDepth: 8 | 16;
  channels: 1 | 3;
};

/** Encodes decoded pixels as a PNG of the same depth and channels. */
export async function encodeRawFrame(frame: RawFrame): Promise<EncodedFrame> {
  const { data, width, height, channels, bitDepth } = frame;
  const space = channels === 3 ? (bitDepth === 16 ? 'rgb16' : 'srgb') : bitDepth === 16 ? 'grey16' : 'b-w';
  // sharp takes the sample depth from the array type: Uint16Array pixels are read as 16-bit.
  const png = await sharp(data, { raw: { width, height, channels } }).toColourspace(space).png().toBuffer();
  return { png: new Uint8Array(png), width, height, bitDepth, channels };
}

async function jpegHeader(jpeg: Uint8Array, frameIndex: number) {
  try {
    const { width, height, channels } = await sharp(jpeg, { limitInputPixels: false }).metadata();
    return { width, height, isGray: channels === 1 };
  } catch (error) {
    throw new ImportFileError(
      'BAD_DICOM',
      `JPEG frame ${frameIndex + 1} cannot be read (${causeMessage(error)}).`,
    );
  }
}

/** Decodes one JPEG frame completely and re-encodes it as PNG; a frame larger than allowed is never decoded. */
export async function encodeJpegFrame(
  jpeg: Uint8Array,
  module: PixelModule,
  frameIndex: number,
  maxDimension: number,
): Promise<EncodedFrame> {
  const { width, height, isGray } = await jpegHeader(jpeg, frameIndex);
  if (width > maxDimension || height > maxDimension) {
    throw new ImportFileError(
      'TOO_LARGE',
      `JPEG frame ${frameIndex + 1} is ${width} × ${height} pixels; the largest side allowed is ${maxDimension}.`,
    );
  }
  const image = sharp(jpeg, { failOn: 'error', limitInputPixels: maxDimension ** 2 });
  if (module.photometric === 'MONOCHROME1') image.negate({ alpha: false });
  try {
    const png = await image
      .toColourspace(isGray ? 'b-w' : 'srgb')
      .png()
      .toBuffer();
    return { png: new Uint8Array(png), width, height, bitDepth: 8, channels: isGray ? 1 : 3 };
  } catch (error) {
    throw new ImportFileError(
      'TRUNCATED',
      `JPEG frame ${frameIndex + 1} is cut short or damaged (${causeMessage(error)}).`,
    );
  }
}
