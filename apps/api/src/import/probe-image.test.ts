import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ImportFileError } from './errors';
import { probeImage } from './probe-image';

const options = { maxDimension: 4096 };

const noise = (width: number, height: number) =>
  sharp({
    create: {
      width,
      height,
      channels: 3,
      background: 'black',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  });

/** A PNG whose header claims `width` × `height` pixels, with almost no data behind it. */
function pngWithHeader(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    return Buffer.concat([length, body, Buffer.alloc(4)]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(64))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function codeOf(bytes: Uint8Array): Promise<string> {
  try {
    await probeImage(bytes, options);
    return 'none';
  } catch (error) {
    return error instanceof ImportFileError ? error.code : `other: ${error}`;
  }
}

describe('probeImage', () => {
  it('reads 8-bit gray, 8-bit colour and 16-bit gray PNG', async () => {
    const gray = await noise(40, 30).toColourspace('b-w').png().toBuffer();
    expect(await probeImage(gray, options)).toEqual({
      format: 'PNG',
      width: 40,
      height: 30,
      bitDepth: 8,
      channels: 1,
    });
    const colour = await noise(40, 30).png().toBuffer();
    expect(await probeImage(colour, options)).toMatchObject({ format: 'PNG', bitDepth: 8, channels: 3 });
    const raw = new Uint16Array(12 * 10).map((_, index) => index * 500);
    const deep = await sharp(raw, { raw: { width: 12, height: 10, channels: 1 } })
      .toColourspace('grey16')
      .png()
      .toBuffer();
    expect(await probeImage(deep, options)).toEqual({
      format: 'PNG',
      width: 12,
      height: 10,
      bitDepth: 16,
      channels: 1,
    });
  });

  it('reads JPEG', async () => {
    const jpeg = await noise(64, 48).jpeg().toBuffer();
    expect(await probeImage(jpeg, options)).toEqual({
      format: 'JPEG',
      width: 64,
      height: 48,
      bitDepth: 8,
      channels: 3,
    });
  });

  it('refuses truncated PNG and JPEG files, which only a full decode notices', async () => {
    const png = await noise(300, 200).png().toBuffer();
    const jpeg = await noise(300, 200).jpeg().toBuffer();
    expect(await codeOf(png.subarray(0, png.length / 2))).toBe('TRUNCATED');
    expect(await codeOf(jpeg.subarray(0, jpeg.length / 2))).toBe('TRUNCATED');
    expect(await codeOf(png.subarray(0, 20))).toBe('TRUNCATED');
  });

  it('refuses a decompression bomb from its header, naming the size', async () => {
    const bomb = pngWithHeader(50_000, 50_000);
    expect(bomb.length).toBeLessThan(200);
    await expect(probeImage(bomb, options)).rejects.toThrow(
      'The PNG image is 50000 × 50000 pixels; the largest side allowed is 4096.',
    );
    expect(await codeOf(pngWithHeader(5000, 10))).toBe('TOO_LARGE');
  });

  it('gives empty, zero-size, foreign and non-image files their own codes', async () => {
    expect(await codeOf(new Uint8Array())).toBe('EMPTY_FILE');
    expect(await codeOf(pngWithHeader(0, 10))).toBe('ZERO_SIZE');
    expect(await codeOf(new TextEncoder().encode('file,label\na.png,liver\n'))).toBe('NOT_AN_IMAGE');
    const gif = await noise(8, 8).gif().toBuffer();
    await expect(probeImage(gif, options)).rejects.toThrow('GIF images are not supported');
    const dicom = new Uint8Array(200);
    dicom.set(new TextEncoder().encode('DICM'), 128);
    expect(await codeOf(dicom)).toBe('UNSUPPORTED_FORMAT');
  });
});
