import { describe, expect, it } from 'vitest';
import { selectFrames } from './dicom-frames';
import type { PixelModule } from './dicom-pixel-module';
import { checkNativeLayout, colourFrame, grayFrame, nativeFrame } from './dicom-pixels';
import { ImportFileError } from './errors';

const gray16: PixelModule = {
  rows: 1,
  columns: 4,
  samplesPerPixel: 1,
  bitsAllocated: 16,
  bitsStored: 12,
  highBit: 11,
  isSigned: false,
  photometric: 'MONOCHROME2',
  isPlanar: false,
  numberOfFrames: 1,
};

const littleEndian16 = (...values: number[]) => new Uint8Array(new Uint16Array(values).buffer);

describe('grayFrame', () => {
  it('stretches 12 stored bits over the 16-bit range and ignores bits above the high bit', () => {
    const frame = grayFrame(littleEndian16(0, 4095, 0xf000 | 2048, 1), gray16, false);
    expect(Array.from(frame.data)).toEqual([0, 65535, Math.round((2048 * 65535) / 4095), 16]);
    expect(frame).toMatchObject({ width: 4, height: 1, channels: 1, bitDepth: 16 });
  });

  it('moves signed values up so that the most negative is black', () => {
    const frame = grayFrame(littleEndian16(0x800, 0x7ff, 0, 0xfff), { ...gray16, isSigned: true }, false);
    expect(Array.from(frame.data)).toEqual([
      0,
      65535,
      Math.round((2048 * 65535) / 4095),
      Math.round((2047 * 65535) / 4095),
    ]);
  });

  it('reads big-endian samples and inverts MONOCHROME1', () => {
    const bigEndian = new Uint8Array([0x0f, 0xff, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00]);
    const frame = grayFrame(bigEndian, { ...gray16, photometric: 'MONOCHROME1' }, true);
    expect(Array.from(frame.data)).toEqual([0, 65535, 65535 - 16, 65535 - Math.round((2048 * 65535) / 4095)]);
  });

  it('keeps 8-bit samples as they are', () => {
    const module = { ...gray16, bitsAllocated: 8, bitsStored: 8, highBit: 7 };
    const frame = grayFrame(new Uint8Array([0, 7, 128, 255]), module, false);
    expect(Array.from(frame.data)).toEqual([0, 7, 128, 255]);
    expect(frame.bitDepth).toBe(8);
  });
});

describe('colourFrame', () => {
  const rgb: PixelModule = {
    ...gray16,
    columns: 2,
    samplesPerPixel: 3,
    bitsAllocated: 8,
    bitsStored: 8,
    highBit: 7,
    photometric: 'RGB',
  };

  it('interleaves planar RGB', () => {
    const planar = new Uint8Array([1, 2, 10, 20, 100, 200]);
    expect(Array.from(colourFrame(planar, { ...rgb, isPlanar: true }).data)).toEqual([
      1, 10, 100, 2, 20, 200,
    ]);
  });

  it('converts YBR_FULL to RGB', () => {
    const ybr = new Uint8Array([90, 128, 128, 76, 85, 255]);
    expect(Array.from(colourFrame(ybr, { ...rgb, photometric: 'YBR_FULL' }).data)).toEqual([
      90, 90, 90, 254, 0, 0,
    ]);
  });
});

describe('native layout and frames', () => {
  it('refuses layouts it cannot read', () => {
    const refused = [
      { ...gray16, bitsAllocated: 32, bitsStored: 32, highBit: 31 },
      { ...gray16, samplesPerPixel: 3, photometric: 'RGB' },
      { ...gray16, photometric: 'PALETTE COLOR' },
      { ...gray16, bitsStored: 17 },
    ];
    for (const module of refused) expect(() => checkNativeLayout(module)).toThrow(ImportFileError);
    expect(() => checkNativeLayout(gray16)).not.toThrow();
  });

  it('reports pixel data that ends inside a frame', () => {
    expect(() =>
      nativeFrame(littleEndian16(1, 2, 3, 4, 5), { ...gray16, numberOfFrames: 2 }, 1, false),
    ).toThrow('The DICOM pixel data ends inside frame 2.');
  });

  it('selects all, the first or the middle frame', () => {
    expect(selectFrames(4, 'all')).toEqual([0, 1, 2, 3]);
    expect(selectFrames(4, 'first')).toEqual([0]);
    expect(selectFrames(5, 'middle')).toEqual([2]);
    expect(selectFrames(1, 'middle')).toEqual([0]);
  });
});
