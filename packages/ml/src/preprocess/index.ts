export { type Crop, clipCrop, type Geometry, geometryFor, intersectionOverUnion } from './crop';
export { isPreprocessError, PreprocessError, type PreprocessErrorCode } from './preprocess-error';
export {
  type GreyOptions,
  type PreprocessOptions,
  preprocessImage,
  preprocessToGrey,
} from './preprocess-image';
export { PREPROCESS_VERSION } from './preprocess-version';
export { greyToScaledRgb, scalingFactors } from './scale-pixels';
export { suggestCropBox } from './suggest-crop';
