export type PreprocessErrorCode = 'DECODE_FAILED' | 'CROP_OUT_OF_BOUNDS';

/** An expected failure to turn image bytes into backbone input; `code` is what callers switch on. */
export class PreprocessError extends Error {
  readonly code: PreprocessErrorCode;

  constructor(code: PreprocessErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PreprocessError';
    this.code = code;
  }
}

export function isPreprocessError(error: unknown): error is PreprocessError {
  return error instanceof PreprocessError;
}
