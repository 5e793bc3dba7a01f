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
  'UNAVAILABLE',
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

/** What a client sees while the database cannot be reached: nothing was written, and a retry may succeed. */
export const databaseUnavailable = () =>
  new AppError('UNAVAILABLE', 'The database is unavailable; try again in a moment.');

/** Socket errors of a connection that cannot be made or was lost. */
const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  // postgres.js
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

/**
 * Whether an error (or one it wraps) says the database server cannot be reached or is shutting down or
 * starting: SQLSTATE class 08 (connection exception), 57P01-57P03 (shutdown, crash, cannot connect now).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 5; depth += 1) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_ERROR_CODES.has(code) || /^(08...|57P0[123])$/.test(code)))
      return true;
    const wrapped = cause as { cause?: unknown; originalError?: unknown; errors?: unknown[] };
    cause = wrapped.cause ?? wrapped.originalError ?? wrapped.errors?.[0];
  }
  return false;
}
