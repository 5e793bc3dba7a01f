import { afterEach, describe, expect, it, vi } from 'vitest';
import { queryApiFromBrowser } from './browser-api';
import { graphqlDocument } from './graphql-document';

const healthQuery = graphqlDocument<{ health: { ok: boolean } }>('{ health { ok } }');

function answer(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}

function stubBrowser(body: unknown) {
  const fetch = vi.fn(async () => answer(body));
  const assign = vi.fn();
  vi.stubGlobal('fetch', fetch);
  vi.stubGlobal('window', { location: { pathname: '/studies/abc', search: '?x=1', assign } });
  return { fetch, assign };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('queryApiFromBrowser', () => {
  it('posts to the web origin with the session cookie', async () => {
    const { fetch, assign } = stubBrowser({ data: { health: { ok: true } } });
    expect(await queryApiFromBrowser(healthQuery, {})).toEqual({ ok: true, data: { health: { ok: true } } });
    expect(fetch).toHaveBeenCalledWith('/graphql', expect.objectContaining({ credentials: 'same-origin' }));
    expect(assign).not.toHaveBeenCalled();
  });

  it('keeps a request going while the page is left when asked to', async () => {
    const { fetch } = stubBrowser({ data: { health: { ok: true } } });
    await queryApiFromBrowser(healthQuery, {}, undefined, { keepalive: true });
    expect(fetch).toHaveBeenCalledWith('/graphql', expect.objectContaining({ keepalive: true }));
    await queryApiFromBrowser(healthQuery, {});
    expect(fetch).toHaveBeenLastCalledWith('/graphql', expect.not.objectContaining({ keepalive: true }));
  });

  it('sends the browser to sign in, and back here afterwards, when the session has ended', async () => {
    const { assign } = stubBrowser({
      data: null,
      errors: [{ message: 'Sign in.', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    const result = await queryApiFromBrowser(healthQuery, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(assign).toHaveBeenCalledWith('/sign-in?next=%2Fstudies%2Fabc%3Fx%3D1');
  });

  it('leaves other errors to the page', async () => {
    const { assign } = stubBrowser({ errors: [{ message: 'No.', extensions: { code: 'FORBIDDEN' } }] });
    expect(await queryApiFromBrowser(healthQuery, {})).toMatchObject({
      ok: false,
      error: { code: 'GRAPHQL_ERROR' },
    });
    expect(assign).not.toHaveBeenCalled();
  });
});
