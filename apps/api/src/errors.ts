/** Every expected failure a client can switch on. */
export const ERROR_CODES = [
  'NOT_FOUND',
  'BAD_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'DATA_DIR_LOCKED',
  'IMPORT_FAILED',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'TOO_MANY_SUBSCRIPTIONS',
  'SUBSCRIPTION_BEHIND',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An expected failure: a code for programs, a message safe to show to people, and optional detail for logs. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly userMessage: string,
    readonly internalDetail?: string,
  ) {
    super(internalDetail ? `${userMessage} (${internalDetail})` : userMessage);
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found.`);
export const badInput = (message: string) => new AppError('BAD_INPUT', message);
