import { describe, expect, it } from 'vitest';
import { apiTarget, isApiPath } from './api-target';

describe('api paths', () => {
  it('claims GraphQL and image bytes only', () => {
    expect(isApiPath('/graphql')).toBe(true);
    expect(isApiPath('/images/abc/thumbnail')).toBe(true);
    expect(isApiPath('/graphqlx')).toBe(false);
    expect(isApiPath('/images')).toBe(false);
    expect(isApiPath('/studies/abc')).toBe(false);
  });

  it('keeps the path, the query string and any prefix of the API URL', () => {
    expect(apiTarget('http://127.0.0.1:4000', '/images/a%2Fb/thumbnail', '?size=256')).toBe(
      'http://127.0.0.1:4000/images/a%2Fb/thumbnail?size=256',
    );
    expect(apiTarget('https://loupe.example/api', '/graphql', '')).toBe('https://loupe.example/api/graphql');
  });
});
