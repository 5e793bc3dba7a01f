import { CATEGORY_TEXTS, type DemoCategory, isDemoCategory } from './categories';
import type { GrayImage } from './draw-text';
import { SyntheticError } from './errors';
import { drawOverlay } from './overlay';
import { renderPolarFrame } from './polar-frame';
import { createRandom, hashSeed, mulberry32 } from './random';
import { scanConvert } from './scan-convert';
import { planScene, type ScenePlan } from './scenes';
import { type FrameLayout, frameLayout, type SectorBox } from './sector';
import { headerText, type StudyTraits, studyTraits } from './study-traits';
import { valueNoise } from './texture';
import { createTissueModel } from './tissue';

export type RenderOptions = {
  category: DemoCategory;
  /** Integer seed of this image; the same options always give the same pixels. */
  seed: number;
  /** Seed of the study the image belongs to (scanner settings, patient); defaults to `seed`. */
  studySeed?: number;
  /** 0 (clean, distinct shapes) to 1 (noisy, low contrast, look-alikes); default 0.25. */
  difficulty?: number;
  width?: number;
  height?: number;
  /** The technologist's text burned into the bottom-left corner; defaults to the category's first text. */
  text?: string;
  /** False leaves out every burned-in mark (header, text, depth scale): only the fan is drawn. */
  hasTextOverlay?: boolean;
};

export type RenderedFrame = GrayImage & {
  sector: SectorBox;
  text: string;
  /** The view whose shape was drawn: a look-alike of `category` on some hard images. */
  drawnCategory: DemoCategory;
};

export const DEFAULT_WIDTH = 320;
export const DEFAULT_HEIGHT = 256;
/** A frozen MobileNetV2 with a linear head scores about the paper's 78 % top-1 / 90 % top-2 at this difficulty. */
export const DEFAULT_DIFFICULTY = 0.25;

/** The frame's layout for a study, without rendering (what a dataset plan needs for its crop boxes). */
export function layoutFor(studySeed: number, width = DEFAULT_WIDTH, height = DEFAULT_HEIGHT): FrameLayout {
  return frameLayout(width, height, studyTraits(studySeed));
}

/** Renders one grayscale ultrasound-like frame (one byte per pixel, row-major). */
export function renderFrame(options: RenderOptions): RenderedFrame {
  const { category, seed, difficulty = DEFAULT_DIFFICULTY, hasTextOverlay = true } = options;
  validate(options, difficulty);
  const traits = studyTraits(options.studySeed ?? seed);
  const layout = frameLayout(options.width ?? DEFAULT_WIDTH, options.height ?? DEFAULT_HEIGHT, traits);
  const image = { width: options.width ?? DEFAULT_WIDTH, height: options.height ?? DEFAULT_HEIGHT };
  const pixels = new Uint8Array(image.width * image.height);
  const plan = planScene(category, difficulty, createRandom(hashSeed(seed, 1)));
  const frame = renderPolarFrame({
    geometry: layout.geometry,
    traits,
    tissue: tissueModel(plan, traits, layout, seed, difficulty),
    noiseFloor: 0.015 + 0.2 * difficulty,
    next: mulberry32(hashSeed(seed, 2)),
  });
  const text = options.text ?? CATEGORY_TEXTS[category].texts[0] ?? category.toUpperCase();
  const rendered = { ...image, pixels, sector: layout.box, text, drawnCategory: plan.drawnCategory };
  scanConvert(frame, layout.geometry, layout.box, rendered);
  if (hasTextOverlay) drawOverlay(rendered, layout, headerText(traits), text, traits.depthCm);
  return rendered;
}

function tissueModel(
  plan: ScenePlan,
  traits: StudyTraits,
  layout: FrameLayout,
  seed: number,
  difficulty: number,
) {
  const { innerRadius, outerRadius } = layout.geometry;
  const coarse = valueNoise(hashSeed(seed, 3), 0.09);
  const fine = valueNoise(hashSeed(seed, 4), 0.03);
  const strength = 1 + difficulty;
  return createTissueModel(plan, {
    zoom: traits.depthCm / 15,
    skinDepth: innerRadius / outerRadius,
    wallDepth: innerRadius / outerRadius + traits.abdominalWall,
    edge: 2.5 / outerRadius,
    texture: (x: number, y: number) => strength * (0.65 * coarse(x, y) + 0.35 * fine(x, y)),
  });
}

function validate(options: RenderOptions, difficulty: number): void {
  if (!isDemoCategory(options.category)) {
    throw new SyntheticError('UNKNOWN_CATEGORY', `Unknown category "${options.category}"`);
  }
  if (
    !Number.isInteger(options.seed) ||
    (options.studySeed !== undefined && !Number.isInteger(options.studySeed))
  ) {
    throw new SyntheticError('INVALID_OPTIONS', 'Seeds must be integers');
  }
  if (!(difficulty >= 0 && difficulty <= 1)) {
    throw new SyntheticError('INVALID_OPTIONS', `Difficulty must lie in [0, 1], got ${difficulty}`);
  }
}
