import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlDocument } from './graphql-document';
import { exchangeGraphQL, requestGraphQL } from './request-graphql';

const healthQuery = graphqlDocument<{ health: { ok: boolean } }, { probe: string }>(`
  query Health($probe: String) { health { ok } }
`);

let server: Server;
let endpoint: string;
const received: unknown[] = [];
const receivedCookies: (string | undefined)[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push(JSON.parse(body));
      receivedCookies.push(request.headers.cookie);
      if (request.url === '/broken') return void response.writeHead(502).end('<html>Bad gateway</html>');
      response.writeHead(200, {
        'content-type': 'application/json',
        'set-cookie': 'loupe_session=t; Path=/',
      });
      response.end(JSON.stringify({ data: { health: { ok: true } } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('requestGraphQL', () => {
  it('posts the document and its variables and returns the data', async () => {
    const result = await requestGraphQL(`${endpoint}/graphql`, healthQuery, { probe: 'x' });
    expect(result).toEqual({ ok: true, data: { health: { ok: true } } });
    expect(received.at(-1)).toEqual({
      query: 'query Health($probe: String) { health { ok } }',
      variables: { probe: 'x' },
    });
  });

  it('sends extra headers and hands back the response headers', async () => {
    const { result, headers } = await exchangeGraphQL(
      `${endpoint}/graphql`,
      healthQuery,
      { probe: 'y' },
      {
        headers: { cookie: 'loupe_session=abc' },
      },
    );
    expect(result.ok).toBe(true);
    expect(receivedCookies.at(-1)).toBe('loupe_session=abc');
    expect(headers?.getSetCookie()).toEqual(['loupe_session=t; Path=/']);
  });

  it('reports an HTML error page as an HTTP error', async () => {
    const result = await requestGraphQL(`${endpoint}/broken`, healthQuery, { probe: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'HTTP_ERROR' } });
  });

  it('reports a closed port as an unreachable API', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await requestGraphQL(`http://127.0.0.1:${port}/graphql`, healthQuery, { probe: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'API_UNREACHABLE' } });
  });
});
