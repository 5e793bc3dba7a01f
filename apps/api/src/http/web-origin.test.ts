import { describe, expect, it } from 'vitest';
import { isAllowedWebOrigin } from './web-origin';

describe('isAllowedWebOrigin', () => {
  const listed = ['https://loupe.example.org', 'http://10.0.0.5:3000'];

  it('allows a page on the host name the request went to, whatever its port', () => {
    expect(isAllowedWebOrigin({ origin: 'http://127.0.0.1:3000', host: '127.0.0.1:4000' }, [])).toBe(true);
    expect(isAllowedWebOrigin({ origin: 'http://LOCALHOST:3000', host: 'localhost:4000' }, [])).toBe(true);
    expect(isAllowedWebOrigin({ origin: 'https://loupe.lan', host: 'loupe.lan:4000' }, [])).toBe(true);
    expect(isAllowedWebOrigin({ origin: 'http://[::1]:3000', host: '[::1]:4000' }, [])).toBe(true);
  });

  it('allows a listed origin exactly: scheme, host and port', () => {
    expect(isAllowedWebOrigin({ origin: 'https://loupe.example.org', host: '10.0.0.9:4000' }, listed)).toBe(
      true,
    );
    expect(isAllowedWebOrigin({ origin: 'http://10.0.0.5:3000', host: 'api.internal:4000' }, listed)).toBe(
      true,
    );
    expect(isAllowedWebOrigin({ origin: 'http://loupe.example.org', host: '10.0.0.9:4000' }, listed)).toBe(
      false,
    );
    expect(isAllowedWebOrigin({ origin: 'http://10.0.0.5:3001', host: 'api.internal:4000' }, listed)).toBe(
      false,
    );
  });

  it('refuses a foreign, missing or malformed origin', () => {
    expect(isAllowedWebOrigin({ origin: 'https://evil.example', host: '127.0.0.1:4000' }, listed)).toBe(
      false,
    );
    expect(isAllowedWebOrigin({ origin: 'http://127.0.0.1.evil.example', host: '127.0.0.1:4000' }, [])).toBe(
      false,
    );
    expect(isAllowedWebOrigin({ host: '127.0.0.1:4000' }, listed)).toBe(false);
    expect(isAllowedWebOrigin({ origin: 'null', host: '127.0.0.1:4000' }, listed)).toBe(false);
    expect(isAllowedWebOrigin({ origin: 'http://127.0.0.1:3000' }, [])).toBe(false);
    expect(isAllowedWebOrigin({ origin: 'file://127.0.0.1', host: '127.0.0.1:4000' }, [])).toBe(false);
  });
});
