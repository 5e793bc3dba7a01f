import { images } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpTables } from '../../test/database-snapshot';
import { makePng, writeFiles } from '../../test/image-fixtures';
import { createTestApp, type TestApp } from '../../test/test-app';
import { createApiToken, ensureAdminUser } from '../auth/api-tokens';
import { importThroughServer } from '../cli/commands/import-through-server';
import { type RunningServer, startServer } from '../server';
import { BODY_LIMITS } from './body-limits';

describe.each(testDatabaseTargets())('request and upload size limits on $name', (target) => {
  let app: TestApp;
  let server: RunningServer;
  let admin: string;
  const post = (path: string, body: string) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body,
    });

  beforeAll(async () => {
    app = await createTestApp(target, { maxUploadBytes: 4096 });
    const adminId = await ensureAdminUser(app.database.db);
    admin = (await createApiToken(app.database.db, { userId: adminId, name: 't' })).token;
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it('answers a GraphQL body over 1 MiB with 413 and a JSON error, and runs nothing', async () => {
    const before = await dumpTables(app.database);
    const padding = 'x'.repeat(BODY_LIMITS.graphql);
    const query = 'mutation($n: String!) { createApiToken(name: $n) { secret } }';
    const response = await post('/graphql', JSON.stringify({ query, variables: { n: padding } }));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: 'PAYLOAD_TOO_LARGE',
      message: `The request body is larger than the limit of ${BODY_LIMITS.graphql} bytes.`,
    });
    expect(await dumpTables(app.database)).toBe(before);
    const small = await post('/graphql', JSON.stringify({ query: '{ health { ok } }' }));
    expect(small.status).toBe(200);
  });

  it('answers an admin import request over 64 KiB with 413 before touching the folder', async () => {
    const before = await dumpTables(app.database);
    const response = await post(
      '/admin/import',
      JSON.stringify({ folder: app.tempDir, datasetName: 'd'.repeat(BODY_LIMITS.adminImport) }),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: 'PAYLOAD_TOO_LARGE' });
    expect(await dumpTables(app.database)).toBe(before);
  });

  it('refuses files over LOUPE_MAX_UPLOAD_BYTES in an import through the running server', async () => {
    const folder = `${app.tempDir}/upload`;
    const big = await makePng(7, { width: 400, height: 300 }, true);
    const small = await makePng(8);
    expect(big.length).toBeGreaterThan(4096);
    expect(small.length).toBeLessThan(4096);
    await writeFiles(folder, { 's1/big.png': big, 's1/small.png': small });
    const report = await importThroughServer({ url: server.url, token: admin }, { folder }, () => undefined);
    expect(report.imported).toBe(1);
    expect(report.failures).toEqual([
      expect.objectContaining({
        file: 's1/big.png',
        code: 'TOO_LARGE',
        message: expect.stringMatching(/4096/),
      }),
    ]);
    const stored = await app.database.db.select({ name: images.sourceFileName }).from(images);
    expect(stored.map((row) => row.name)).toEqual(['small.png']);
  });
});
