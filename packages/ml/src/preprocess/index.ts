export { type Crop, clipCrop, type Geometry, geometryFor } from './crop';
export { isPreprocessError, PreprocessError, type PreprocessErrorCode } from './preprocess-error';
export { type PreprocessOptions, preprocessImage } from './preprocess-image';
export { PREPROCESS_VERSION } from './preprocess-version';
export { greyToScaledRgb } from './scale-pixels';
