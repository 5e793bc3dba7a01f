export { DIVERSE_POOL_FACTOR } from './diverse-margin';
export { cosineDistance, type SketchOptions, sketchEmbeddings } from './embedding-sketch';
export { LABEL_ERROR_MIN_CONFIDENCE } from './likely-label-error';
export { type NearestOptions, nearestLabelledDistances } from './nearest-labelled';
export { type ScoreInput, scorePredictions } from './score-predictions';
export {
  getStrategy,
  listStrategies,
  rankCandidates,
  registerStrategy,
  strategyNames,
} from './strategy-registry';
export type { Candidate, ImageScore, RankOptions, ResolvedRankOptions, Strategy } from './types';
