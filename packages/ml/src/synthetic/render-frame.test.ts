import { describe, expect, it } from 'vitest';
import { DEMO_CATEGORIES, type DemoCategory } from './categories';
import { renderFrame } from './render-frame';
import type { SectorBox } from './sector';

const isInside = (box: SectorBox, x: number, y: number) =>
  x >= box.x && x < box.x + box.width && y >= box.y && y < box.y + box.height;

describe('renderFrame', () => {
  it('renders the same pixels for the same options and different ones for another seed', () => {
    const options = { category: 'liver', seed: 11, difficulty: 0.4 } as const;
    const first = renderFrame(options);
    expect(first.pixels).toHaveLength(320 * 256);
    expect(renderFrame(options).pixels).toEqual(first.pixels);
    expect(renderFrame({ ...options, seed: 12 }).pixels).not.toEqual(first.pixels);
  });

  it('keeps the fan inside the sector box and every burned-in mark outside it', () => {
    const options = { category: 'gallbladder', seed: 3, text: 'GB LONG' } as const;
    const withText = renderFrame(options);
    const bare = renderFrame({ ...options, hasTextOverlay: false });
    let textPixels = 0;
    let fanPixels = 0;
    let misplaced = 0;
    for (let y = 0; y < bare.height; y++) {
      for (let x = 0; x < bare.width; x++) {
        const index = y * bare.width + x;
        const isInBox = isInside(bare.sector, x, y);
        if (bare.pixels[index] !== 0) fanPixels++;
        if (bare.pixels[index] !== 0 && !isInBox) misplaced++;
        if (withText.pixels[index] !== bare.pixels[index]) textPixels++;
        if (withText.pixels[index] !== bare.pixels[index] && isInBox) misplaced++;
      }
    }
    expect(misplaced).toBe(0);
    expect(fanPixels).toBeGreaterThan(0.3 * bare.sector.width * bare.sector.height);
    expect(textPixels).toBeGreaterThan(100);
  });

  it('burns the technologist text into the bottom-left corner', () => {
    const base = { category: 'spleen', seed: 8 } as const;
    const a = renderFrame({ ...base, text: 'SPLEEN' });
    const b = renderFrame({ ...base, text: 'LUQ' });
    expect(a.text).toBe('SPLEEN');
    const changed = Array.from(a.pixels).flatMap((value, index) =>
      value === b.pixels[index] ? [] : [index],
    );
    expect(changed.length).toBeGreaterThan(20);
    for (const index of changed) {
      expect(index % a.width).toBeLessThan(a.width / 2);
      expect(Math.floor(index / a.width)).toBeGreaterThanOrEqual(a.sector.y + a.sector.height);
    }
  });

  it('shares the fan between images of one study and varies it between studies', () => {
    const a = renderFrame({ category: 'liver', seed: 1, studySeed: 100 });
    const b = renderFrame({ category: 'aorta', seed: 2, studySeed: 100 });
    const c = renderFrame({ category: 'liver', seed: 1, studySeed: 101 });
    expect(b.sector).toEqual(a.sector);
    expect(c.sector).not.toEqual(a.sector);
  });

  it('draws look-alike shapes on some hard images only', () => {
    const drawn = (difficulty: number) =>
      Array.from({ length: 40 }, (_, seed) =>
        renderFrame({ category: 'aorta', seed, difficulty, width: 96, height: 96 }),
      );
    expect(drawn(0).every((frame) => frame.drawnCategory === 'aorta')).toBe(true);
    const hard = drawn(1).map((frame) => frame.drawnCategory);
    expect(hard).toContain('inferior vena cava');
    expect(hard.filter((category) => category === 'aorta').length).toBeGreaterThan(20);
  });

  it('refuses bad options with a code', () => {
    expect(() => renderFrame({ category: 'liver', seed: 1, difficulty: 1.5 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
    expect(() => renderFrame({ category: 'heart' as DemoCategory, seed: 1 })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_CATEGORY' }),
    );
    expect(() => renderFrame({ category: 'liver', seed: 0.5 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
  });
});

/** Mean intensity of a 6×6 grid of cells over the fan's box: a crude description of an image's layout. */
function layoutFeatures(category: DemoCategory, seed: number, difficulty: number): number[] {
  const frame = renderFrame({ category, seed, difficulty, hasTextOverlay: false, width: 160, height: 128 });
  const { sector: box } = frame;
  const features = new Array<number>(36).fill(0);
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) {
      const cell = Math.floor(((y - box.y) * 6) / box.height) * 6 + Math.floor(((x - box.x) * 6) / box.width);
      features[cell] = (features[cell] ?? 0) + (frame.pixels[y * frame.width + x] ?? 0);
    }
  }
  return features.map((sum) => sum / ((box.width * box.height) / 36));
}

function nearestCentroidAccuracy(difficulty: number): number {
  const train = [1, 2, 3, 4, 5];
  const test = [101, 102, 103];
  const centroids = DEMO_CATEGORIES.map((category) => {
    const rows = train.map((seed) => layoutFeatures(category, seed, difficulty));
    return (
      rows[0]?.map((_, index) => rows.reduce((sum, row) => sum + (row[index] ?? 0), 0) / rows.length) ?? []
    );
  });
  let correct = 0;
  DEMO_CATEGORIES.forEach((category, truth) => {
    for (const seed of test) {
      const features = layoutFeatures(category, seed, difficulty);
      const distances = centroids.map((centroid) =>
        centroid.reduce((sum, value, i) => sum + (value - (features[i] ?? 0)) ** 2, 0),
      );
      if (distances.indexOf(Math.min(...distances)) === truth) correct++;
    }
  });
  return correct / (DEMO_CATEGORIES.length * test.length);
}

describe('categories', () => {
  it('differ in the shape region: a fluid-filled bladder is darker in the middle than liver', () => {
    const centreMean = (category: DemoCategory) => {
      const features = [1, 2, 3].map((seed) => layoutFeatures(category, seed, 0));
      return (
        features.reduce(
          (sum, row) => sum + (row[14] ?? 0) + (row[15] ?? 0) + (row[20] ?? 0) + (row[21] ?? 0),
          0,
        ) / 12
      );
    };
    expect(centreMean('bladder')).toBeLessThan(0.5 * centreMean('liver'));
    expect(centreMean('gallbladder')).toBeLessThan(centreMean('liver'));
  });

  it('are told apart by a crude nearest-centroid classifier when easy, less so when hard', () => {
    const easy = nearestCentroidAccuracy(0);
    const hard = nearestCentroidAccuracy(1);
    expect(easy).toBeGreaterThan(0.7);
    expect(hard).toBeLessThan(easy);
  });
});
