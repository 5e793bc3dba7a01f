import type { ApiError } from './api-result';

/** An API error as one line next to the control that failed: its code and the API's own sentence. */
export type FieldError = { code: string; message: string };

const CODED_DETAIL = /^([A-Z][A-Z_]+): (.+)$/s;

/**
 * The first API message of a failed call (the API writes them for people: "A category named … already
 * exists."), with its code (CONFLICT, BAD_INPUT…); the web app's own sentence when the API sent none.
 */
export function fieldErrorOf(error: ApiError): FieldError {
  const detail = error.details[0];
  const coded = detail ? CODED_DETAIL.exec(detail) : null;
  if (coded) return { code: coded[1]!, message: coded[2]! };
  if (error.code === 'GRAPHQL_ERROR' && detail) return { code: error.code, message: detail };
  return { code: error.code, message: error.message };
}
