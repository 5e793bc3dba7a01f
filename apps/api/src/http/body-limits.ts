import { isUtf8 } from 'node:buffer';
import type { NextFunction, Request, Response } from 'express';

/**
 * The largest request bodies the API reads: a GraphQL document with variables, an admin import request, and a
 * GraphQL multipart request with files (each file also within LOUPE_MAX_UPLOAD_BYTES).
 */
export const BODY_LIMITS = { graphql: 1024 * 1024, adminImport: 64 * 1024, upload: 1024 ** 3 } as const;

type BodyParserError = Error & { type?: string; limit?: number; status?: number };

/** Answers a body over its route's limit with 413 and a JSON error naming the limit, before anything else runs. */
export function payloadTooLarge(error: BodyParserError, _req: Request, res: Response, next: NextFunction) {
  if (error.type !== 'entity.too.large') return next(error);
  res.status(413).json({
    error: 'PAYLOAD_TOO_LARGE',
    message: `The request body is larger than the limit of ${error.limit ?? 'this route'} bytes.`,
  });
}

/**
 * A body parser's `verify` hook refusing a body that is not UTF-8 with 400, where the JSON parser would
 * silently turn the bad bytes into replacement characters and store them.
 */
export function requireUtf8(_req: unknown, _res: unknown, body: Buffer) {
  if (!isUtf8(body)) throw Object.assign(new Error('The request body is not valid UTF-8.'), { status: 400 });
}
