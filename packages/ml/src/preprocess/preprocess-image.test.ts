import { describe, expect, it } from 'vitest';
import { PreprocessError } from './preprocess-error';
import { preprocessImage } from './preprocess-image';
import { colourJpeg, greyPng } from './test-images';

const options = { inputSize: 224, scaling: '[0,1]' as const };
const gradient = (x: number, y: number) => (x * 3 + y * 5) % 256;

/** The values of channel 0 (all three channels are equal). */
function firstChannel(pixels: Float32Array): number[] {
  return Array.from(pixels.filter((_, index) => index % 3 === 0));
}

function range(values: Float32Array): [number, number] {
  return values.reduce(([low, high], v) => [Math.min(low, v), Math.max(high, v)], [Infinity, -Infinity]);
}

describe('preprocessImage', () => {
  it('returns inputSize² × 3 equal channels in the requested range', async () => {
    const pixels = await preprocessImage(await greyPng(300, 200, gradient), {
      ...options,
      scaling: '[-1,1]',
    });
    expect(pixels).toHaveLength(224 * 224 * 3);
    const [low, high] = range(pixels);
    expect(low).toBeGreaterThanOrEqual(-1);
    expect(low).toBeLessThan(-0.5);
    expect(high).toBeLessThanOrEqual(1);
    expect(high).toBeGreaterThan(0.5);
    for (let index = 0; index < pixels.length; index += 3 * 997) {
      expect(pixels[index + 1]).toBe(pixels[index]);
      expect(pixels[index + 2]).toBe(pixels[index]);
    }
  });

  it('is deterministic: same bytes, same vector', async () => {
    const png = await greyPng(317, 241, gradient);
    const [first, second] = await Promise.all([preprocessImage(png, options), preprocessImage(png, options)]);
    expect(Buffer.from(first.buffer).equals(Buffer.from(second.buffer))).toBe(true);
  });

  it('keeps the centre 224 of a 256 × 256 image and drops a 16-pixel border', async () => {
    const framed = await greyPng(256, 256, (x, y) => (x < 16 || y < 16 || x >= 240 || y >= 240 ? 0 : 255));
    expect(new Set(firstChannel(await preprocessImage(framed, options)))).toEqual(new Set([1]));
  });

  it('applies the crop box before resizing', async () => {
    const halves = await greyPng(400, 300, (x) => (x < 200 ? 0 : 255));
    const right = await preprocessImage(halves, {
      ...options,
      crop: { x: 200, y: 0, width: 200, height: 300 },
    });
    const left = await preprocessImage(halves, {
      ...options,
      crop: { x: 0, y: 50, width: 200, height: 100 },
    });
    expect(new Set(firstChannel(right))).toEqual(new Set([1]));
    expect(new Set(firstChannel(left))).toEqual(new Set([0]));
  });

  it('reads 16-bit PNG and colour JPEG like 8-bit grey PNG', async () => {
    const flat = (x: number, y: number) => (x < 150 ? 60 : 200) + (y % 2);
    const eight = await preprocessImage(await greyPng(300, 300, flat), options);
    const sixteen = await preprocessImage(await greyPng(300, 300, flat, 16), options);
    const jpeg = await preprocessImage(await colourJpeg(300, 300, flat), options);
    const largest = (a: Float32Array, b: Float32Array) =>
      range(a.map((v, i) => Math.abs(v - (b[i] as number))))[1];
    expect(largest(eight, sixteen)).toBeLessThanOrEqual(1 / 255 + 1e-6);
    expect(largest(eight, jpeg)).toBeLessThan(0.1);
  });

  it('rejects bytes that are not an image with DECODE_FAILED', async () => {
    const error = await preprocessImage(new Uint8Array([1, 2, 3, 4]), options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreprocessError);
    expect((error as PreprocessError).code).toBe('DECODE_FAILED');
    const truncated = (await greyPng(64, 64, gradient)).slice(0, 60);
    await expect(preprocessImage(truncated, options)).rejects.toMatchObject({ code: 'DECODE_FAILED' });
  });

  it('rejects a crop box outside the image with CROP_OUT_OF_BOUNDS', async () => {
    const png = await greyPng(100, 100, gradient);
    await expect(
      preprocessImage(png, { ...options, crop: { x: 150, y: 0, width: 10, height: 10 } }),
    ).rejects.toMatchObject({
      code: 'CROP_OUT_OF_BOUNDS',
    });
  });
});
