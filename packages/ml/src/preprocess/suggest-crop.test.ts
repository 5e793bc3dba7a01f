import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { generateDataset, renderOptionsFor } from '../synthetic/dataset-plan';
import { renderFrame } from '../synthetic/render-frame';
import { encodeGrayPng } from '../synthetic/render-image';
import { type Crop, intersectionOverUnion } from './crop';
import { suggestCropBox } from './suggest-crop';

const inside = (box: Crop, x: number, y: number) =>
  x >= box.x && x < box.x + box.width && y >= box.y && y < box.y + box.height;

/** `count` synthetic 512 × 384 frames of one study. */
function studyFrames(seed: number, count: number) {
  const plan = generateDataset({
    seed,
    studies: 1,
    imagesPerStudy: count,
    difficulty: 0.6,
    width: 512,
    height: 384,
  });
  const study = plan.studies[0]!;
  return study.images.map((image) => renderFrame(renderOptionsFor(plan, study, image)));
}

describe('suggesting a crop box', () => {
  it('finds the scan of synthetic frames of several sizes, with none of the burned-in text and marks', async () => {
    const overlaps: number[] = [];
    for (const [seed, width, height] of [
      [1, 512, 384],
      [2, 640, 480],
      [3, 320, 240],
    ] as const) {
      const plan = generateDataset({ seed, studies: 4, imagesPerStudy: 3, difficulty: 0.6, width, height });
      for (const study of plan.studies) {
        for (const image of study.images) {
          const frame = renderFrame(renderOptionsFor(plan, study, image));
          const box = await suggestCropBox(await encodeGrayPng(frame.pixels, frame.width, frame.height));
          expect(box).not.toBeNull();
          overlaps.push(intersectionOverUnion(box!, frame.sector));
          // Every mark outside the scan (header, technologist's text, depth scale, orientation mark) stays out.
          for (let y = 0; y < frame.height; y++) {
            for (let x = 0; x < frame.width; x++) {
              const isMark = frame.pixels[y * frame.width + x]! > 150 && !inside(frame.sector, x, y);
              if (isMark && inside(box!, x, y))
                throw new Error(`a mark at ${x},${y} is inside ${JSON.stringify(box)}`);
            }
          }
        }
      }
    }
    overlaps.sort((a, b) => a - b);
    expect(overlaps[Math.floor(overlaps.length / 2)]).toBeGreaterThan(0.95);
    expect(overlaps[Math.floor(overlaps.length / 10)]).toBeGreaterThan(0.9);
  });

  it('leaves out the flat grey panels of a scanner screen, with their text', async () => {
    for (const frame of studyFrames(2, 2)) {
      // The frame on a 800 × 450 screen at (220, 30): a grey menu panel on the left (level 60, white text lines),
      // a darker patient-data panel along the right edge (level 25), black in between.
      const [width, height, left, top] = [800, 450, 220, 30];
      const screen = new Uint8Array(width * height);
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < 180; x++)
          screen[y * width + x] = y % 30 < 6 && x % 8 < 5 && x > 10 && x < 170 ? 235 : 60;
        for (let x = 760; x < width; x++) screen[y * width + x] = 25;
      }
      for (let y = 0; y < frame.height; y++)
        screen.set(frame.pixels.subarray(y * frame.width, (y + 1) * frame.width), (y + top) * width + left);
      const png = await sharp(screen, { raw: { width, height, channels: 1 } })
        .png()
        .toBuffer();
      const box = await suggestCropBox(png);
      const sector = { ...frame.sector, x: frame.sector.x + left, y: frame.sector.y + top };
      expect(intersectionOverUnion(box!, sector)).toBeGreaterThan(0.9);
      expect(box!.x).toBeGreaterThanOrEqual(180);
      expect(box!.x + box!.width).toBeLessThanOrEqual(760);
    }
  });

  it('keeps a colour Doppler box inside the scan and leaves a colour scale bar beside it out', async () => {
    const frame = studyFrames(3, 1)[0]!;
    const [width, height, left] = [640, 384, 40];
    const rgb = new Uint8Array(width * height * 3);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < frame.width; x++)
        rgb.fill(
          frame.pixels[y * frame.width + x]!,
          3 * (y * width + x + left),
          3 * (y * width + x + left) + 3,
        );
      // The velocity scale: a 14-pixel bar from red to blue, 40 pixels right of the frame.
      for (let x = 592; x < 606; x++) rgb.set([255 - (y % 256), 30, y % 256], 3 * (y * width + x));
    }
    const sector = { ...frame.sector, x: frame.sector.x + left };
    // The Doppler box: red and blue flow in a 60-pixel square in the middle of the scan.
    const [boxX, boxY] = [
      Math.round(sector.x + sector.width / 2) - 30,
      Math.round(sector.y + sector.height / 2) - 30,
    ];
    for (let y = boxY; y < boxY + 60; y++)
      for (let x = boxX; x < boxX + 60; x++)
        rgb.set((x + y) % 2 ? [220, 20, 20] : [20, 40, 230], 3 * (y * width + x));
    const png = await sharp(rgb, { raw: { width, height, channels: 3 } })
      .png()
      .toBuffer();
    const box = await suggestCropBox(png);
    expect(intersectionOverUnion(box!, sector)).toBeGreaterThan(0.9);
    expect(box!.x + box!.width).toBeLessThanOrEqual(592);
  });

  it('gives the whole image when there is no black border, and nothing when there is no scan', async () => {
    const png = (pixels: Uint8Array, width: number, height: number) =>
      sharp(pixels, { raw: { width, height, channels: 1 } })
        .png()
        .toBuffer();
    const noise = Uint8Array.from({ length: 200 * 150 }, (_, index) => 40 + ((index * 7919) % 180));
    expect(await suggestCropBox(await png(noise, 200, 150))).toEqual({ x: 0, y: 0, width: 200, height: 150 });
    expect(await suggestCropBox(await png(new Uint8Array(200 * 150), 200, 150))).toBeNull();
    // A small bright patch is no scan (under 5 % of the frame).
    const patch = new Uint8Array(200 * 150);
    for (let y = 10; y < 25; y++) for (let x = 10; x < 30; x++) patch[y * 200 + x] = 200;
    expect(await suggestCropBox(await png(patch, 200, 150))).toBeNull();
  });

  it('refuses bytes that are no image', async () => {
    await expect(suggestCropBox(new Uint8Array([1, 2, 3, 4]))).rejects.toMatchObject({
      code: 'DECODE_FAILED',
    });
  });
});
