import type { PixelModule } from './dicom-pixel-module';
import { ImportFileError } from './errors';

/** Decoded pixels ready for PNG encoding: interleaved samples, unsigned, full range of their bit depth. */
export type RawFrame = {
  data: Uint8Array | Uint16Array;
  width: number;
  height: number;
  channels: 1 | 3;
  bitDepth: 8 | 16;
};

const GRAY = ['MONOCHROME1', 'MONOCHROME2'];
const COLOUR = ['RGB', 'YBR_FULL'];

/** Refuses pixel layouts the import does not read, before any pixel is touched. */
export function checkNativeLayout(module: PixelModule): void {
  const { samplesPerPixel: samples, bitsAllocated: bits, photometric } = module;
  const isGray = samples === 1 && (bits === 8 || bits === 16) && GRAY.includes(photometric);
  const isColour = samples === 3 && bits === 8 && COLOUR.includes(photometric);
  const isStoredValid = module.bitsStored >= 1 && module.bitsStored <= bits && module.highBit < bits;
  if (!(isGray || isColour) || !isStoredValid) {
    throw new ImportFileError(
      'UNSUPPORTED_FORMAT',
      `DICOM pixels with ${samples} sample(s) of ${bits} bits (${module.bitsStored} stored) in ${photometric} ` +
        'are not supported (MONOCHROME1/2 at 8 or 16 bits, RGB or YBR_FULL at 8 bits).',
    );
  }
}

export function frameByteLength(module: PixelModule): number {
  return module.rows * module.columns * module.samplesPerPixel * (module.bitsAllocated / 8);
}

/**
 * Gray pixels as unsigned values over the full range of the output depth: the stored bits are taken from
 * below the high bit, signed values are shifted to start at zero, and MONOCHROME1 is inverted so that
 * higher is always brighter. Rescale slope/intercept and windowing are deliberately not applied.
 */
export function grayFrame(bytes: Uint8Array, module: PixelModule, isBigEndian: boolean): RawFrame {
  const { bitsAllocated, bitsStored, highBit } = module;
  const count = module.rows * module.columns;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read =
    bitsAllocated === 8
      ? (i: number) => view.getUint8(i)
      : (i: number) => view.getUint16(i * 2, !isBigEndian);
  const shift = highBit + 1 - bitsStored;
  const mask = 2 ** bitsStored - 1;
  const signBit = 2 ** (bitsStored - 1);
  const outputMax = bitsAllocated === 8 ? 255 : 65535;
  const scale = outputMax / mask;
  const isInverted = module.photometric === 'MONOCHROME1';
  const data = bitsAllocated === 8 ? new Uint8Array(count) : new Uint16Array(count);
  for (let i = 0; i < count; i++) {
    let value = (read(i) >> shift) & mask;
    if (module.isSigned) value = value ^ signBit;
    const scaled = Math.round(value * scale);
    data[i] = isInverted ? outputMax - scaled : scaled;
  }
  return {
    data,
    width: module.columns,
    height: module.rows,
    channels: 1,
    bitDepth: bitsAllocated === 8 ? 8 : 16,
  };
}

const clampByte = (value: number) => Math.min(255, Math.max(0, Math.round(value)));

/** Colour pixels as interleaved 8-bit RGB, from planar or interleaved RGB or YBR_FULL. */
export function colourFrame(bytes: Uint8Array, module: PixelModule): RawFrame {
  const count = module.rows * module.columns;
  const sample = module.isPlanar
    ? (pixel: number, channel: number) => bytes[channel * count + pixel] ?? 0
    : (pixel: number, channel: number) => bytes[pixel * 3 + channel] ?? 0;
  const isYbr = module.photometric === 'YBR_FULL';
  const data = new Uint8Array(count * 3);
  for (let pixel = 0; pixel < count; pixel++) {
    const [a, b, c] = [sample(pixel, 0), sample(pixel, 1), sample(pixel, 2)];
    data[pixel * 3] = isYbr ? clampByte(a + 1.402 * (c - 128)) : a;
    data[pixel * 3 + 1] = isYbr ? clampByte(a - 0.344136 * (b - 128) - 0.714136 * (c - 128)) : b;
    data[pixel * 3 + 2] = isYbr ? clampByte(a + 1.772 * (b - 128)) : c;
  }
  return { data, width: module.columns, height: module.rows, channels: 3, bitDepth: 8 };
}

/** One native (uncompressed) frame out of the pixel data. */
export function nativeFrame(
  pixelData: Uint8Array,
  module: PixelModule,
  frameIndex: number,
  isBigEndian: boolean,
): RawFrame {
  const length = frameByteLength(module);
  const bytes = pixelData.subarray(frameIndex * length, (frameIndex + 1) * length);
  if (bytes.length < length) {
    throw new ImportFileError('TRUNCATED', `The DICOM pixel data ends inside frame ${frameIndex + 1}.`);
  }
  return module.samplesPerPixel === 1 ? grayFrame(bytes, module, isBigEndian) : colourFrame(bytes, module);
}
