import { describe, expect, it } from 'vitest';
import { fieldErrorOf } from './api-error-text';

describe('fieldErrorOf', () => {
  it('reads the code and the sentence of the first API message', () => {
    expect(
      fieldErrorOf({
        code: 'GRAPHQL_ERROR',
        message: 'The Loupe API returned an error.',
        details: ['CONFLICT: A category named "Liver" already exists.', 'BAD_INPUT: other'],
      }),
    ).toEqual({ code: 'CONFLICT', message: 'A category named "Liver" already exists.' });
  });

  it('keeps a message without a code whole', () => {
    expect(
      fieldErrorOf({
        code: 'GRAPHQL_ERROR',
        message: 'The Loupe API returned an error.',
        details: ['Oops: x'],
      }),
    ).toEqual({ code: 'GRAPHQL_ERROR', message: 'Oops: x' });
  });

  it('falls back to the web app’s sentence when the API sent no message', () => {
    expect(
      fieldErrorOf({ code: 'API_UNREACHABLE', message: 'The Loupe API could not be reached.', details: [] }),
    ).toEqual({ code: 'API_UNREACHABLE', message: 'The Loupe API could not be reached.' });
    expect(
      fieldErrorOf({ code: 'HTTP_ERROR', message: 'HTTP 502.', details: ['http://api/graphql: reset'] }),
    ).toEqual({ code: 'HTTP_ERROR', message: 'HTTP 502.' });
  });
});
