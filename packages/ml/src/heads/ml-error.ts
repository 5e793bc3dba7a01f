/** Every expected failure of the ML package carries one of these codes, so callers can switch on it. */
export type MlErrorCode =
  | 'NO_TRAINING_DATA'
  | 'ONE_CLASS_ONLY'
  | 'EMPTY_CATEGORY'
  | 'DIMENSION_MISMATCH'
  | 'LABEL_OUT_OF_RANGE'
  | 'INVALID_HYPERPARAMETERS'
  | 'INVALID_TRAINING_SETTINGS'
  | 'INVALID_SPLIT_FRACTIONS'
  | 'INVALID_HEAD_FORMAT'
  | 'UNSUPPORTED_HEAD_VERSION'
  | 'INCOMPATIBLE_WARM_START'
  | 'TRAINING_ABORTED'
  | 'TRAINING_DIVERGED'
  | 'NO_TEST_DATA'
  | 'INVALID_METRIC_INPUT'
  | 'UNKNOWN_STRATEGY'
  | 'MISSING_EMBEDDINGS'
  | 'INVALID_PREDICTIONS';

export class MlError extends Error {
  readonly code: MlErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: MlErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'MlError';
    this.code = code;
    this.details = details;
  }
}

export function isMlError(error: unknown, code?: MlErrorCode): error is MlError {
  return error instanceof MlError && (code === undefined || error.code === code);
}
