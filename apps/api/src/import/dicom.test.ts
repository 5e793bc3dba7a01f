import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readDicom } from './dicom';
import { ImportFileError } from './errors';
import { makeDicom, TRANSFER_SYNTAX } from './test-fixtures/make-dicom';

const options = { frames: 'all' as const, uidSalt: 'dataset-salt', maxDimension: 4096 };

/** The PNG's own channel count and depth, and its samples. */
async function decodePng(png: Uint8Array) {
  const { channels, depth } = await sharp(png).metadata();
  const space = channels === 1 ? (depth === 'ushort' ? 'grey16' : 'b-w') : 'srgb';
  const { data } = await sharp(png)
    .toColourspace(space)
    .raw({ depth: depth === 'ushort' ? 'ushort' : 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const samples = depth === 'ushort' ? new Uint16Array(data.buffer, data.byteOffset, data.length / 2) : data;
  return { channels, depth, samples: Array.from(samples) };
}

async function codeOf(bytes: Uint8Array, maxDimension = 4096): Promise<string> {
  try {
    await readDicom(bytes, { ...options, maxDimension });
    return 'none';
  } catch (error) {
    return error instanceof ImportFileError ? error.code : `other: ${error}`;
  }
}

describe('readDicom, uncompressed pixels', () => {
  it('re-encodes 8-bit gray pixels exactly, in explicit and deflated little endian', async () => {
    for (const transferSyntax of [TRANSFER_SYNTAX.explicitLittle, TRANSFER_SYNTAX.deflated]) {
      const { bytes } = await makeDicom({
        width: 4,
        height: 2,
        transferSyntax,
        pixel: (_, x, y) => 10 * x + 100 * y,
      });
      const [frame] = (await readDicom(bytes, options)).frames;
      expect(frame).toMatchObject({ frameIndex: 0, width: 4, height: 2, bitDepth: 8, channels: 1 });
      const png = await decodePng(frame!.png);
      expect(png).toEqual({ channels: 1, depth: 'uchar', samples: [0, 10, 20, 30, 100, 110, 120, 130] });
    }
  });

  it('reads 12-bit implicit little endian and 16-bit big endian into 16-bit PNG', async () => {
    const implicit = await makeDicom({
      width: 2,
      height: 1,
      bitsAllocated: 16,
      bitsStored: 12,
      transferSyntax: TRANSFER_SYNTAX.implicitLittle,
      pixel: (_, x) => (x === 0 ? 0 : 4095),
    });
    const big = await makeDicom({
      width: 2,
      height: 1,
      bitsAllocated: 16,
      transferSyntax: TRANSFER_SYNTAX.explicitBig,
      pixel: (_, x) => (x === 0 ? 258 : 65000),
    });
    const [implicitFrame] = (await readDicom(implicit.bytes, options)).frames;
    const [bigFrame] = (await readDicom(big.bytes, options)).frames;
    expect(await decodePng(implicitFrame!.png)).toEqual({
      channels: 1,
      depth: 'ushort',
      samples: [0, 65535],
    });
    expect(await decodePng(bigFrame!.png)).toEqual({ channels: 1, depth: 'ushort', samples: [258, 65000] });
  });

  it('inverts MONOCHROME1 and reads planar RGB', async () => {
    const inverted = await makeDicom({
      width: 2,
      height: 1,
      photometric: 'MONOCHROME1',
      pixel: (_, x) => x * 55,
    });
    expect((await decodePng((await readDicom(inverted.bytes, options)).frames[0]!.png)).samples).toEqual([
      255, 200,
    ]);
    const rgb = await makeDicom({
      width: 2,
      height: 1,
      photometric: 'RGB',
      isPlanar: true,
      pixel: (_, x, __, c) => x + 10 * c,
    });
    const [frame] = (await readDicom(rgb.bytes, options)).frames;
    expect(frame).toMatchObject({ channels: 3, bitDepth: 8 });
    expect(await decodePng(frame!.png)).toEqual({
      channels: 3,
      depth: 'uchar',
      samples: [0, 10, 20, 1, 11, 21],
    });
  });

  it('returns one entry per selected frame of a multi-frame file', async () => {
    const { bytes } = await makeDicom({ width: 2, height: 2, frames: 5, pixel: (frame) => frame * 50 });
    const all = await readDicom(bytes, options);
    expect(all.frames.map((frame) => frame.frameIndex)).toEqual([0, 1, 2, 3, 4]);
    expect((await decodePng(all.frames[3]!.png)).samples).toEqual([150, 150, 150, 150]);
    const middle = await readDicom(bytes, { ...options, frames: 'middle' });
    expect(middle.frames.map((frame) => frame.frameIndex)).toEqual([2]);
    expect((await decodePng(middle.frames[0]!.png)).samples).toEqual([100, 100, 100, 100]);
    expect((await readDicom(bytes, { ...options, frames: 'first' })).frames).toHaveLength(1);
  });
});

describe('readDicom, JPEG baseline', () => {
  it('decodes each colour and gray JPEG frame into a PNG close to the original pixels', async () => {
    const colour = await makeDicom({
      width: 64,
      height: 48,
      frames: 2,
      photometric: 'YBR_FULL_422',
      transferSyntax: TRANSFER_SYNTAX.jpegBaseline,
      pixel: (frame, _, __, channel) => (channel === frame ? 200 : 40),
    });
    const colourFrames = (await readDicom(colour.bytes, options)).frames;
    expect(
      colourFrames.map(({ width, height, channels, bitDepth }) => [width, height, channels, bitDepth]),
    ).toEqual([
      [64, 48, 3, 8],
      [64, 48, 3, 8],
    ]);
    const second = (await decodePng(colourFrames[1]!.png)).samples.slice(0, 3);
    const errors = second.map((value, channel) => Math.abs(value - (channel === 1 ? 200 : 40)));
    expect(Math.max(...errors)).toBeLessThan(8);
    const gray = await makeDicom({
      width: 32,
      height: 32,
      transferSyntax: TRANSFER_SYNTAX.jpegBaseline,
      pixel: () => 90,
    });
    const [grayFrame] = (await readDicom(gray.bytes, options)).frames;
    const grayPng = await decodePng(grayFrame!.png);
    expect(grayPng.channels).toBe(1);
    expect(Math.abs(grayPng.samples[0]! - 90)).toBeLessThan(4);
  });

  it('splits multi-fragment frames without an offset table at the JPEG start markers', async () => {
    const pixel = (frame: number, x: number, y: number) => (frame === 1 ? 250 : (x * y + x * 7) % 256);
    for (const hasOffsetTable of [true, false]) {
      const { bytes } = await makeDicom({
        width: 320,
        height: 240,
        frames: 3,
        hasOffsetTable,
        transferSyntax: TRANSFER_SYNTAX.jpegBaseline,
        pixel,
      });
      expect(bytes.length).toBeGreaterThan(3 * 20 * 1024);
      const frames = (await readDicom(bytes, { ...options, frames: 'middle' })).frames;
      expect(frames.map((frame) => [frame.frameIndex, frame.width, frame.height])).toEqual([[1, 320, 240]]);
      const samples = (await decodePng(frames[0]!.png)).samples;
      expect(Math.min(...samples)).toBeGreaterThan(240);
    }
  });
});

describe('readDicom, refusals', () => {
  it('names an unsupported transfer syntax by UID and name', async () => {
    const { bytes } = await makeDicom({ transferSyntax: TRANSFER_SYNTAX.jpeg2000 });
    await expect(readDicom(bytes, options)).rejects.toThrow(
      'Transfer syntax 1.2.840.10008.1.2.4.90 (JPEG 2000 (Lossless Only)) is not supported',
    );
    expect(await codeOf(bytes)).toBe('UNSUPPORTED_TRANSFER_SYNTAX');
  });

  it('refuses a too large, empty-sized, truncated or damaged file', async () => {
    expect(
      await codeOf((await makeDicom({ width: 5000, height: 1, pixelData: new Uint8Array(2) })).bytes),
    ).toBe('TOO_LARGE');
    expect(await codeOf((await makeDicom({ width: 300, height: 1 })).bytes, 256)).toBe('TOO_LARGE');
    expect(await codeOf((await makeDicom({ width: 0, height: 4, pixelData: new Uint8Array(2) })).bytes)).toBe(
      'ZERO_SIZE',
    );
    expect(
      await codeOf((await makeDicom({ width: 16, height: 16, pixelData: new Uint8Array(100) })).bytes),
    ).toBe('TRUNCATED');
    const { bytes } = await makeDicom();
    const damaged = bytes.slice(0, 400);
    damaged.fill(0xff, 200);
    expect(await codeOf(damaged)).toBe('BAD_DICOM');
    expect(await codeOf(bytes.slice(0, 100))).toBe('BAD_DICOM');
  });

  it('refuses files cut short inside their pixel data, in every transfer syntax', async () => {
    for (const transferSyntax of Object.values(TRANSFER_SYNTAX).filter((uid) => !uid.endsWith('.90'))) {
      const { bytes } = await makeDicom({ width: 64, height: 64, frames: 2, transferSyntax });
      expect([transferSyntax, await codeOf(bytes.slice(0, bytes.length - 3000))]).toEqual([
        transferSyntax,
        'TRUNCATED',
      ]);
    }
  });
});
