export {
  assignSplit,
  type ResolvedSplitOptions,
  resolveSplitOptions,
  type SplitName,
  type SplitOptions,
  studyUnitInterval,
} from './assign-split';
export {
  createNormalRandom,
  createRandom,
  type RandomSource,
  randomInteger,
  shuffleInPlace,
} from './seeded-random';
export { countSplits, type SplitImage, splitImages } from './split-images';
export { stratifiedSample } from './stratified-sample';
