export type BackboneErrorCode =
  | 'BACKBONE_NOT_FOUND'
  | 'LAYER_NOT_FOUND'
  | 'BACKBONE_UNSUPPORTED'
  | 'BACKBONE_LOAD_FAILED';

/** An expected failure to load a backbone; `code` is what callers switch on. */
export class BackboneError extends Error {
  readonly code: BackboneErrorCode;

  constructor(code: BackboneErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackboneError';
    this.code = code;
  }
}

export function isBackboneError(error: unknown): error is BackboneError {
  return error instanceof BackboneError;
}
