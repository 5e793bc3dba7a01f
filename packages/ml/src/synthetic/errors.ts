export type SyntheticErrorCode = 'INVALID_OPTIONS' | 'UNKNOWN_CATEGORY';

/** An expected failure of the synthetic generator (bad options), with a code callers can switch on. */
export class SyntheticError extends Error {
  readonly code: SyntheticErrorCode;

  constructor(code: SyntheticErrorCode, message: string) {
    super(message);
    this.name = 'SyntheticError';
    this.code = code;
  }
}
