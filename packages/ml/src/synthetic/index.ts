/**
 * Deterministic synthetic abdominal-ultrasound-like frames with burned-in scanner and technologist text:
 * Loupe's demo data and test fixtures.
 */
export {
  CACHED_BACKBONE_ID,
  type CachedDataset,
  cachedOnlyEmbedder,
  seedCachedDataset,
} from './cached-dataset';
export {
  CATEGORY_TEXTS,
  type CategoryTexts,
  DEMO_CATEGORIES,
  type DemoCategory,
  isDemoCategory,
} from './categories';
export {
  type DatasetOptions,
  type DatasetPlan,
  generateDataset,
  type PlannedImage,
  type PlannedStudy,
  renderOptionsFor,
} from './dataset-plan';
export { SyntheticError, type SyntheticErrorCode } from './errors';
export { cropText, csvField, MANIFEST_COLUMNS, manifestCsv } from './manifest-csv';
export { hashSeed, mulberry32 } from './random';
export {
  DEFAULT_DIFFICULTY,
  DEFAULT_HEIGHT,
  DEFAULT_WIDTH,
  layoutFor,
  type RenderedFrame,
  type RenderOptions,
  renderFrame,
} from './render-frame';
export { encodeGrayPng, type RenderedImage, renderImage } from './render-image';
export { CONFUSABLE_WITH } from './scenes';
export type { SectorBox } from './sector';
export { type WriteDatasetOptions, writeDataset } from './write-dataset';
