/** Why one file of an import was refused. Clients switch on `code`; `message` is for people. */
export type ImportErrorCode =
  | 'EMPTY_FILE'
  | 'NOT_AN_IMAGE'
  | 'TRUNCATED'
  | 'ZERO_SIZE'
  | 'TOO_LARGE'
  | 'UNSUPPORTED_FORMAT'
  | 'UNSUPPORTED_TRANSFER_SYNTAX'
  | 'BAD_DICOM'
  | 'CROP_OUT_OF_BOUNDS';

export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';

  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isImportFileError(error: unknown): error is ImportFileError {
  return error instanceof ImportFileError;
}

/** The message of a library error, for wrapping it into an `ImportFileError`. */
export function causeMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
