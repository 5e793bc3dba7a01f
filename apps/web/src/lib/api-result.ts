export type ApiErrorCode =
  /** The API did not answer (refused, reset, DNS, timeout). */
  | 'API_UNREACHABLE'
  /** The API answered with an HTTP error and no GraphQL errors in the body. */
  | 'HTTP_ERROR'
  /** No one is signed in, or the session ended (expired, revoked, signed out elsewhere). */
  | 'UNAUTHENTICATED'
  /** The API refused because of too many attempts (sign-in). */
  | 'RATE_LIMITED'
  /** The API answered with other GraphQL errors. */
  | 'GRAPHQL_ERROR'
  /** The API answered with something that is not a GraphQL response. */
  | 'BAD_RESPONSE';

export type ApiError = {
  code: ApiErrorCode;
  /**
   * The API's own typed code of its first error (FORBIDDEN, NOT_FOUND, CONFLICT, BAD_INPUT…), for code that
   * switches on it; absent when the API sent none.
   */
  apiCode?: string;
  /** One sentence for the user. */
  message: string;
  /** Messages and codes from the API, shown as details. */
  details: string[];
};

export type ApiResult<TData> = { ok: true; data: TData } | { ok: false; error: ApiError };

type GraphQLErrorBody = { message?: unknown; extensions?: { code?: unknown } };

function describeGraphQLError(error: GraphQLErrorBody): string {
  const message = typeof error.message === 'string' ? error.message : 'Unknown error';
  const code = error.extensions?.code;
  return typeof code === 'string' ? `${code}: ${message}` : message;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** API error codes the web app acts on; their API message is written for people and shown as is. */
const ACTIONABLE_CODES = ['UNAUTHENTICATED', 'RATE_LIMITED'] as const;

function actionableError(errors: GraphQLErrorBody[], details: string[]): ApiError | undefined {
  for (const code of ACTIONABLE_CODES) {
    const error = errors.find((candidate) => candidate.extensions?.code === code);
    if (error) {
      const message = typeof error.message === 'string' ? error.message : 'The Loupe API refused.';
      return { code, message, details };
    }
  }
  return undefined;
}

/** Turns an HTTP status and a parsed JSON body (or `undefined` when it was not JSON) into a result. */
export function readGraphQLResponse<TData>(status: number, body: unknown): ApiResult<TData> {
  if (isRecord(body) && Array.isArray(body.errors) && body.errors.length > 0) {
    const errors = body.errors.map((error: unknown) => (isRecord(error) ? (error as GraphQLErrorBody) : {}));
    const details = errors.map(describeGraphQLError);
    const actionable = actionableError(errors, details);
    if (actionable) return { ok: false, error: actionable };
    const apiCode = errors.map((error) => error.extensions?.code).find((code) => typeof code === 'string');
    return {
      ok: false,
      error: {
        code: 'GRAPHQL_ERROR',
        message: 'The Loupe API returned an error.',
        details,
        ...(typeof apiCode === 'string' ? { apiCode } : {}),
      },
    };
  }
  if (status < 200 || status >= 300) {
    const message = `The Loupe API answered with HTTP ${status}.`;
    return { ok: false, error: { code: 'HTTP_ERROR', message, details: [] } };
  }
  if (!isRecord(body) || !isRecord(body.data)) {
    const message = 'The Loupe API sent a response that is not GraphQL.';
    return { ok: false, error: { code: 'BAD_RESPONSE', message, details: [] } };
  }
  return { ok: true, data: body.data as TData };
}

export function unreachableError(endpoint: string, cause: unknown): ApiError {
  const reason = cause instanceof Error ? (cause.cause instanceof Error ? cause.cause : cause).message : '';
  return {
    code: 'API_UNREACHABLE',
    message: 'The Loupe API could not be reached. Is it running?',
    details: [`${endpoint}${reason ? `: ${reason}` : ''}`],
  };
}
