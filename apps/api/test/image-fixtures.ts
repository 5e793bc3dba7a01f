import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { csvField } from '@loupe/ml/synthetic';
import sharp from 'sharp';

/** Gray pixels unique to `seed`: no two seeds give the same image bytes. */
function grayPixels(seed: number, width: number, height: number): Uint8Array {
  return Uint8Array.from(
    { length: width * height },
    (_, index) => (index * 7 + seed * 31 + (index % width) * seed) % 256,
  );
}

/** An 8-bit gray PNG, or a 3-channel one with `isColour`, distinct for each seed. */
export async function makePng(
  seed: number,
  size = { width: 32, height: 24 },
  isColour = false,
): Promise<Buffer> {
  const gray = grayPixels(seed, size.width, size.height);
  if (!isColour)
    return sharp(gray, { raw: { ...size, channels: 1 } })
      .toColourspace('b-w')
      .png()
      .toBuffer();
  const colour = Uint8Array.from(
    { length: gray.length * 3 },
    (_, index) => (gray[Math.floor(index / 3)]! + index) % 256,
  );
  return sharp(colour, { raw: { ...size, channels: 3 } })
    .png()
    .toBuffer();
}

/** A 16-bit gray PNG with samples above 255 (distinct for each seed). */
export async function makePng16(seed: number, size = { width: 20, height: 10 }): Promise<Buffer> {
  const raw = Uint16Array.from(
    { length: size.width * size.height },
    (_, index) => (index * 397 + seed * 1009) % 65_536,
  );
  return sharp(raw, { raw: { ...size, channels: 1 } })
    .toColourspace('grey16')
    .png()
    .toBuffer();
}

/** A colour baseline JPEG, distinct for each seed. */
export async function makeJpeg(seed: number, size = { width: 40, height: 32 }): Promise<Buffer> {
  const pixels = Uint8Array.from(
    { length: size.width * size.height * 3 },
    (_, index) => (index * 13 + seed * 57) % 256,
  );
  return sharp(pixels, { raw: { ...size, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A well-formed PNG (valid chunk CRCs) whose header claims `width` × `height` gray pixels, with a few bytes of data. */
export function pngWithHeader(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.alloc(64))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Writes `files` (paths relative to `folder`) into the folder, creating sub-folders. */
export async function writeFiles(folder: string, files: Record<string, Uint8Array | string>): Promise<void> {
  for (const [path, bytes] of Object.entries(files)) {
    await mkdir(dirname(join(folder, path)), { recursive: true });
    await writeFile(join(folder, path), bytes);
  }
}

/** CSV text: a header and rows, each field quoted where needed. */
export function csv(header: string[], rows: string[][]): string {
  return `${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\n')}\n`;
}
