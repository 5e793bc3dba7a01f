export { type Hyperparameters, hyperparametersSchema, resolveHyperparameters } from './hyperparameters';
export { isMlError, MlError, type MlErrorCode } from './ml-error';
export { predictProbabilities } from './predict';
export { deserializeHead, serializeHead } from './serialize-head';
export { trainHead } from './train-head';
export { parseTrainingSettings, type TrainingSettings, trainingSettingsSchema } from './training-settings';
export type {
  DenseLayer,
  FeatureInput,
  HeadKind,
  LabelledFeatures,
  SerializedHead,
  TrainHeadOptions,
  TrainHeadResult,
  TrainProgress,
} from './types';
