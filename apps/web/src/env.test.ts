import { describe, expect, it } from 'vitest';
import { parseWebEnv, WebEnvError } from './env';

const localLive = { url: null, secure: false, port: '4000' };

describe('parseWebEnv', () => {
  it('defaults the API to the local port 4000', () => {
    expect(parseWebEnv({})).toEqual({ apiUrl: 'http://127.0.0.1:4000', live: localLive });
  });

  it('treats an empty variable as unset', () => {
    expect(parseWebEnv({ LOUPE_API_URL: '', LOUPE_API_WS_URL: '' })).toEqual({
      apiUrl: 'http://127.0.0.1:4000',
      live: localLive,
    });
  });

  it('drops trailing slashes', () => {
    expect(parseWebEnv({ LOUPE_API_URL: 'http://api.internal:8080//' }).apiUrl).toBe(
      'http://api.internal:8080',
    );
  });

  it("takes the live updates' scheme and port from the API URL unless a WebSocket URL is given", () => {
    expect(parseWebEnv({ LOUPE_API_URL: 'https://api.internal' }).live).toEqual({
      url: null,
      secure: true,
      port: '443',
    });
    expect(
      parseWebEnv({ LOUPE_API_URL: 'http://api:4000', LOUPE_API_WS_URL: 'wss://loupe.example.org/graphql' })
        .live.url,
    ).toBe('wss://loupe.example.org/graphql');
  });

  it('names the variable when it is not an http URL', () => {
    expect(() => parseWebEnv({ LOUPE_API_URL: 'ftp://example.org' })).toThrow(WebEnvError);
    expect(() => parseWebEnv({ LOUPE_API_URL: 'not a url' })).toThrow(/LOUPE_API_URL/);
    expect(() => parseWebEnv({ LOUPE_API_WS_URL: 'http://example.org' })).toThrow(/LOUPE_API_WS_URL/);
  });
});
