import { datasets } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { createApiToken, ensureAdminUser } from '../auth/api-tokens';
import { type RunningServer, startServer } from '../server';
import { QUERY_LIMITS } from './query-limits';

const [pglite] = testDatabaseTargets();
type Result = {
  status: number;
  body: {
    data?: unknown;
    errors?: { message: string; extensions?: { code?: string; requestId?: string } }[];
  };
};

describe('the GraphQL endpoint under abusive and odd requests', () => {
  let app: TestApp;
  let server: RunningServer;
  let token: string;
  const post = async (body: unknown): Promise<Result> => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Result['body'] };
  };
  const codeOf = (result: Result) => result.body.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    app = await createTestApp(pglite!);
    const adminId = await ensureAdminUser(app.database.db);
    token = (await createApiToken(app.database.db, { userId: adminId, name: 'test' })).token;
    await app.database.db.insert(datasets).values({ name: "o'brien; drop table datasets; --" });
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it('refuses deep nesting', async () => {
    const nested = 'study { dataset { studies(first: 1) { edges { node { '.repeat(4);
    const query = `{ image(id: "x") { ${nested} key ${'} } } } }'.repeat(4)} } }`;
    const result = await post({ query });
    expect(result.status).toBe(400);
    expect(result.body.errors?.[0]?.message).toMatch(/exceeds maximum operation depth/);
  });

  it('refuses alias flooding', async () => {
    const fields = Array.from({ length: QUERY_LIMITS.aliases + 5 }, (_, i) => `h${i}: health { ok }`).join(
      ' ',
    );
    const result = await post({ query: `{ ${fields} }` });
    expect(codeOf(result)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.body.errors?.[0]?.message).toMatch(/more than 30 aliases/);
  });

  it('refuses an operation whose pages multiply past the cost limit, before running it', async () => {
    const query =
      '{ datasets { studies(first: 500) { edges { node { images(first: 500) { edges { node { id annotation { text } } } } } } } } }';
    const result = await post({ query });
    expect(codeOf(result)).toBe('QUERY_TOO_COMPLEX');
    expect(result.body.data).toBeUndefined();
  });

  it('refuses page sizes out of range, bad cursors and malformed ids with typed errors', async () => {
    const huge = await post({ query: '{ datasets { studies(first: 100000) { totalCount } } }' });
    expect(codeOf(huge)).toMatch(/BAD_INPUT|QUERY_TOO_COMPLEX/);
    const cursor = await post({
      query:
        '{ study(id: "U3R1ZHk6MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw") { id } datasets { studies(after: "garbage") { totalCount } } }',
    });
    expect(cursor.body.errors?.map((error) => error.extensions?.code)).toContain('BAD_INPUT');
    const sqlish = await post({ query: `{ node(id: "'; drop table images; --") { id } }` });
    expect(codeOf(sqlish)).toBe('BAD_INPUT');
    const names = await post({ query: '{ datasets { name } }' });
    expect(names.body.data).toEqual({ datasets: [{ name: "o'brien; drop table datasets; --" }] });
  });

  it('refuses batched operations, huge documents and broken JSON without leaking internals', async () => {
    const batch = await post([{ query: '{ health { ok } }' }, { query: '{ health { ok } }' }]);
    expect(batch.status).toBe(400);
    const long = await post({ query: `{ ${'health { ok } '.repeat(2_000)} }` });
    expect(codeOf(long)).toBe('GRAPHQL_PARSE_FAILED');
    const broken = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(broken.status).toBe(400);
    const text = await broken.text();
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(JSON.parse(text)).toMatchObject({ error: 'BAD_REQUEST' });
  });

  it('passes the GraphQL-over-HTTP audits', async () => {
    const failures: string[] = [];
    for (const audit of serverAudits({ url: `${server.url}/graphql` })) {
      const result = await audit.fn();
      if (result.status === 'error') failures.push(`${audit.id} ${audit.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
  });
});
