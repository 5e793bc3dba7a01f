import { describe, expect, it } from 'vitest';
import { readGraphQLResponse, unreachableError } from './api-result';

describe('readGraphQLResponse', () => {
  it('returns the data of a successful response', () => {
    expect(readGraphQLResponse(200, { data: { health: { ok: true } } })).toEqual({
      ok: true,
      data: { health: { ok: true } },
    });
  });

  it('reports GraphQL errors with their codes, whatever the status', () => {
    const body = {
      errors: [{ message: 'Cannot query field "x"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, {}],
    };
    expect(readGraphQLResponse(400, body)).toEqual({
      ok: false,
      error: {
        code: 'GRAPHQL_ERROR',
        apiCode: 'GRAPHQL_VALIDATION_FAILED',
        message: 'The Loupe API returned an error.',
        details: ['GRAPHQL_VALIDATION_FAILED: Cannot query field "x"', 'Unknown error'],
      },
    });
  });

  it('reports a missing or ended session, and too many attempts, with the API’s message', () => {
    const body = (code: string, message: string) => ({
      data: null,
      errors: [
        { message: 'other', extensions: { code: 'FORBIDDEN' } },
        { message, extensions: { code } },
      ],
    });
    expect(readGraphQLResponse(200, body('UNAUTHENTICATED', 'Sign in first.'))).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'Sign in first.' },
    });
    expect(readGraphQLResponse(401, body('UNAUTHENTICATED', 'Unknown token.'))).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', details: ['FORBIDDEN: other', 'UNAUTHENTICATED: Unknown token.'] },
    });
    expect(readGraphQLResponse(200, body('RATE_LIMITED', 'Wait 15 minutes.'))).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', message: 'Wait 15 minutes.' },
    });
  });

  it('reports an HTTP error when the body holds no GraphQL errors', () => {
    const result = readGraphQLResponse(502, undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'HTTP_ERROR' } });
    expect(result.ok ? '' : result.error.message).toContain('502');
  });

  it('rejects a 200 answer without data', () => {
    expect(readGraphQLResponse(200, { hello: 'world' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_RESPONSE' },
    });
    expect(readGraphQLResponse(200, [1, 2])).toMatchObject({ ok: false, error: { code: 'BAD_RESPONSE' } });
  });
});

describe('unreachableError', () => {
  it('names the endpoint and the underlying cause', () => {
    const cause = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:4000') });
    expect(unreachableError('http://127.0.0.1:4000/graphql', cause)).toEqual({
      code: 'API_UNREACHABLE',
      message: 'The Loupe API could not be reached. Is it running?',
      details: ['http://127.0.0.1:4000/graphql: connect ECONNREFUSED 127.0.0.1:4000'],
    });
  });
});
