import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DEMO_CATEGORIES, renderImage } from '../src/synthetic';

export const BUSBRA_IMAGES = '/work/shared/data/busbra/images';

export type BenchImages = { source: string; images: Uint8Array[] };

/** `count` real ultrasound PNGs when the BUS-BRA folder exists, else synthetic frames. */
export async function loadBenchImages(count: number): Promise<BenchImages> {
  if (existsSync(BUSBRA_IMAGES)) {
    const names = (await readdir(BUSBRA_IMAGES)).filter((name) => name.endsWith('.png')).sort();
    const picked = names.slice(0, count);
    const images = await Promise.all(picked.map((name) => readFile(path.join(BUSBRA_IMAGES, name))));
    return { source: `BUS-BRA (${picked.length} PNG)`, images: images.map((image) => new Uint8Array(image)) };
  }
  const images: Uint8Array[] = [];
  for (let seed = 0; seed < count; seed++) {
    const category = DEMO_CATEGORIES[seed % DEMO_CATEGORIES.length] as (typeof DEMO_CATEGORIES)[number];
    images.push((await renderImage({ category, seed })).png);
  }
  return { source: `synthetic (${count} PNG)`, images };
}
