import { CATEGORY_TEXTS, DEMO_CATEGORIES, type DemoCategory, isDemoCategory } from './categories';
import { SyntheticError } from './errors';
import { createRandom, hashSeed, type Random } from './random';
import {
  DEFAULT_DIFFICULTY,
  DEFAULT_HEIGHT,
  DEFAULT_WIDTH,
  layoutFor,
  type RenderOptions,
} from './render-frame';
import type { SectorBox } from './sector';

export type DatasetOptions = {
  seed: number;
  studies: number;
  imagesPerStudy: number;
  /** Defaults to all of DEMO_CATEGORIES. */
  categories?: readonly DemoCategory[];
  difficulty?: number;
  width?: number;
  height?: number;
  /** Share of images whose text names a region or an unsided organ instead of the view; default 0.1. */
  ambiguousTextRate?: number;
};

export type PlannedImage = {
  fileName: string;
  category: DemoCategory;
  text: string;
  seed: number;
  sector: SectorBox;
};
export type PlannedStudy = { key: string; seed: number; images: PlannedImage[] };
export type DatasetPlan = {
  seed: number;
  difficulty: number;
  width: number;
  height: number;
  studies: PlannedStudy[];
};

/**
 * Plans a synthetic dataset (no rendering, no I/O). Each study shares scanner settings (so its frames
 * correlate like a real exam) and covers several categories; across studies the categories are balanced.
 */
export function generateDataset(options: DatasetOptions): DatasetPlan {
  const categories = validCategories(options);
  const { seed, studies, imagesPerStudy } = options;
  const plan = {
    seed,
    difficulty: options.difficulty ?? DEFAULT_DIFFICULTY,
    width: options.width ?? DEFAULT_WIDTH,
    height: options.height ?? DEFAULT_HEIGHT,
  };
  const random = createRandom(hashSeed(seed, 0x9a));
  const order = shuffle(random, categories);
  const perStudy = Math.min(order.length, imagesPerStudy, Math.max(2, Math.ceil(imagesPerStudy * 0.6)));
  const keyDigits = Math.max(3, String(studies).length);
  const planned = Array.from({ length: studies }, (_, index): PlannedStudy => {
    const studySeed = hashSeed(seed, 0x57, index);
    const covered = Array.from(
      { length: perStudy },
      (_, k) => order[(index * perStudy + k) % order.length] as DemoCategory,
    );
    const chosen = [
      ...covered,
      ...Array.from({ length: imagesPerStudy - perStudy }, () => random.pick(covered)),
    ];
    chosen.sort((a, b) => covered.indexOf(a) - covered.indexOf(b));
    const sector = layoutFor(studySeed, plan.width, plan.height).box;
    const images = chosen.map((category, imageIndex) => ({
      fileName: `image-${String(imageIndex + 1).padStart(2, '0')}.png`,
      category,
      text: technologistText(random, category, studySeed, options.ambiguousTextRate ?? 0.1),
      seed: hashSeed(seed, 0x1a, index, imageIndex),
      sector: { ...sector },
    }));
    return { key: `study-${String(index + 1).padStart(keyDigits, '0')}`, seed: studySeed, images };
  });
  return { ...plan, studies: planned };
}

/** The options that render a planned image. */
export function renderOptionsFor(plan: DatasetPlan, study: PlannedStudy, image: PlannedImage): RenderOptions {
  const { difficulty, width, height } = plan;
  return {
    category: image.category,
    seed: image.seed,
    studySeed: study.seed,
    difficulty,
    width,
    height,
    text: image.text,
  };
}

/** A technologist has habits: most of a study's texts for one view use that study's preferred wording. */
function technologistText(
  random: Random,
  category: DemoCategory,
  studySeed: number,
  ambiguousRate: number,
): string {
  const { texts, ambiguousTexts } = CATEGORY_TEXTS[category];
  if (ambiguousTexts.length > 0 && random.chance(ambiguousRate)) return random.pick(ambiguousTexts);
  const preferred = texts[hashSeed(studySeed, DEMO_CATEGORIES.indexOf(category)) % texts.length];
  return preferred !== undefined && random.chance(0.6) ? preferred : random.pick(texts);
}

function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}

function validCategories(options: DatasetOptions): readonly DemoCategory[] {
  const { studies, imagesPerStudy, categories = DEMO_CATEGORIES } = options;
  if (!Number.isInteger(options.seed)) throw new SyntheticError('INVALID_OPTIONS', 'seed must be an integer');
  if (!Number.isInteger(studies) || studies < 1 || !Number.isInteger(imagesPerStudy) || imagesPerStudy < 1) {
    throw new SyntheticError('INVALID_OPTIONS', 'studies and imagesPerStudy must be positive integers');
  }
  const unknown = categories.find((category) => !isDemoCategory(category));
  if (unknown !== undefined) throw new SyntheticError('UNKNOWN_CATEGORY', `Unknown category "${unknown}"`);
  if (categories.length === 0 || new Set(categories).size !== categories.length) {
    throw new SyntheticError('INVALID_OPTIONS', 'categories must be a non-empty list without repeats');
  }
  return categories;
}
