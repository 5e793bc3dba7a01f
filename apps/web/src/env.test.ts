import { describe, expect, it } from 'vitest';
import { parseWebEnv, WebEnvError } from './env';

describe('parseWebEnv', () => {
  it('defaults the API to the local port 4000', () => {
    expect(parseWebEnv({})).toEqual({ apiUrl: 'http://127.0.0.1:4000' });
  });

  it('treats an empty variable as unset', () => {
    expect(parseWebEnv({ LOUPE_API_URL: '' })).toEqual({ apiUrl: 'http://127.0.0.1:4000' });
  });

  it('drops trailing slashes', () => {
    expect(parseWebEnv({ LOUPE_API_URL: 'http://api.internal:8080//' })).toEqual({
      apiUrl: 'http://api.internal:8080',
    });
  });

  it('names the variable when it is not an http URL', () => {
    expect(() => parseWebEnv({ LOUPE_API_URL: 'ftp://example.org' })).toThrow(WebEnvError);
    expect(() => parseWebEnv({ LOUPE_API_URL: 'not a url' })).toThrow(/LOUPE_API_URL/);
  });
});
