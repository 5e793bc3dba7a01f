export { cosineDistance, type SketchOptions, sketchEmbeddings } from './embedding-sketch';
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
