import { describe, expect, it } from 'vitest';
import { liveUrl } from './live-url';

describe('liveUrl', () => {
  it("uses the page's host with the API's port, so the session cookie goes along", () => {
    expect(liveUrl({ url: null, secure: false, port: '4000' }, { hostname: 'loupe.lan' })).toBe(
      'ws://loupe.lan:4000/graphql',
    );
    expect(liveUrl({ url: null, secure: true, port: '443' }, { hostname: '::1' })).toBe(
      'wss://[::1]:443/graphql',
    );
  });

  it('prefers a configured URL', () => {
    expect(
      liveUrl({ url: 'wss://example.org/api/graphql', secure: false, port: '4000' }, { hostname: 'x' }),
    ).toBe('wss://example.org/api/graphql');
  });
});
