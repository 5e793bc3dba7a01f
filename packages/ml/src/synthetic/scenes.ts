import type { DemoCategory } from './categories';
import { type Part, type Scene, withContrast } from './materials';
import type { Random } from './random';
import { gasSpots, vessel } from './scene-parts';
import {
  commonBileDuctScene,
  gallbladderScene,
  inferiorVenaCavaScene,
  liverScene,
  portalVeinScene,
} from './scenes-hepatic';
import {
  aortaScene,
  bladderScene,
  leftKidneyScene,
  pancreasScene,
  rightKidneyScene,
  spleenScene,
} from './scenes-organs';

export type SceneBuilder = (random: Random) => Scene;

export const SCENES: Record<DemoCategory, SceneBuilder> = {
  liver: liverScene,
  'right kidney': rightKidneyScene,
  'left kidney': leftKidneyScene,
  gallbladder: gallbladderScene,
  spleen: spleenScene,
  pancreas: pancreasScene,
  bladder: bladderScene,
  aorta: aortaScene,
  'inferior vena cava': inferiorVenaCavaScene,
  'common bile duct': commonBileDuctScene,
  'portal vein': portalVeinScene,
};

/** Views that look alike; hard images of a category borrow one of these shapes. */
export const CONFUSABLE_WITH: Record<DemoCategory, readonly DemoCategory[]> = {
  liver: ['gallbladder', 'portal vein'],
  'right kidney': ['left kidney'],
  'left kidney': ['right kidney', 'spleen'],
  gallbladder: ['bladder', 'liver'],
  spleen: ['left kidney', 'liver'],
  pancreas: ['aorta', 'portal vein'],
  bladder: ['gallbladder'],
  aorta: ['inferior vena cava'],
  'inferior vena cava': ['aorta', 'portal vein'],
  'common bile duct': ['portal vein'],
  'portal vein': ['common bile duct', 'inferior vena cava'],
};

/** Rotation, scale and shift applied to a scene around the middle of the fan. */
export type SceneTransform = { shiftX: number; shiftY: number; scale: number; angle: number };

export type ScenePlan = { drawnCategory: DemoCategory; scene: Scene; transform: SceneTransform };

export const SCENE_PIVOT = { x: 0, y: 0.58 } as const;

/**
 * Chooses what an image of `category` shows. Difficulty (0–1) widens the pose jitter, lowers the
 * contrast of the structures, adds unrelated distractors and makes some images borrow a look-alike's shape.
 */
export function planScene(category: DemoCategory, difficulty: number, random: Random): ScenePlan {
  const drawnCategory = random.chance(0.35 * difficulty) ? random.pick(CONFUSABLE_WITH[category]) : category;
  const scene = SCENES[drawnCategory](random);
  const contrast = 1 - 0.5 * difficulty;
  const parts = [...scene.parts, ...distractors(random, difficulty)].map((item) => ({
    ...item,
    material: withContrast(item.material, scene.background, contrast),
  }));
  const transform = {
    shiftX: random.jitter(0.03 + 0.1 * difficulty),
    shiftY: random.jitter(0.02 + 0.06 * difficulty),
    scale: 1 + random.jitter(0.05 + 0.2 * difficulty),
    angle: random.jitter(0.05 + 0.4 * difficulty),
  };
  return { drawnCategory, scene: { ...scene, parts }, transform };
}

function distractors(random: Random, difficulty: number): Part[] {
  if (!random.chance(0.7 * difficulty)) return [];
  const x = random.uniform(-0.4, 0.4);
  const y = random.uniform(0.35, 0.85);
  if (random.chance(0.5)) return gasSpots(random, 1, x, y);
  const angle = random.uniform(0, Math.PI);
  const length = random.uniform(0.1, 0.3);
  const end: [number, number] = [x + Math.cos(angle) * length, y + Math.sin(angle) * length];
  return vessel([[x, y], end], random.uniform(0.01, 0.03), 0.01);
}
