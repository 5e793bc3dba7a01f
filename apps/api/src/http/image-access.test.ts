import { images, users } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePng, writeFiles } from '../../test/image-fixtures';
import { createTestApp, type TestApp } from '../../test/test-app';
import { createApiToken, ensureAdminUser } from '../auth/api-tokens';
import { WEB_SESSION_COOKIE, WEB_SESSION_TOKEN_NAME } from '../auth/web-sessions';
import { importFolder } from '../operations/import-folder';
import { type RunningServer, startServer } from '../server';

describe.each(testDatabaseTargets())('who may fetch image bytes on $name', (target) => {
  let app: TestApp;
  let server: RunningServer;
  let admin: string;
  let adminSession: string;
  let reader: string;
  let imagePath: string;
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { headers });

  beforeAll(async () => {
    app = await createTestApp(target);
    const { db } = app.database;
    await writeFiles(`${app.tempDir}/in`, { 's1/a.png': await makePng(1) });
    await importFolder(app, { folder: `${app.tempDir}/in` });
    const [image] = await db.select().from(images);
    imagePath = `/images/${image!.id}`;
    const adminId = await ensureAdminUser(db);
    admin = (await createApiToken(db, { userId: adminId, name: 't' })).token;
    adminSession = (
      await createApiToken(db, {
        userId: adminId,
        name: WEB_SESSION_TOKEN_NAME,
        expiresAt: new Date(Date.now() + 3_600_000),
      })
    ).token;
    const [user] = await db
      .insert(users)
      .values({ email: 'r@example.org', name: 'R', role: 'READER' })
      .returning();
    reader = (await createApiToken(db, { userId: user!.id, name: 't' })).token;
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it('serves originals and thumbnails to readers of data only, by bearer token or session cookie', async () => {
    for (const kind of ['original', 'thumbnail?size=64']) {
      const anonymous = await get(`${imagePath}/${kind}`);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({ error: 'UNAUTHENTICATED' });
      const forged = await get(`${imagePath}/${kind}`, { authorization: 'Bearer loupe_forged' });
      expect(forged.status).toBe(401);
      const byReader = await get(`${imagePath}/${kind}`, { authorization: `Bearer ${reader}` });
      expect(byReader.status).toBe(403);
      const byAdmin = await get(`${imagePath}/${kind}`, { authorization: `Bearer ${admin}` });
      expect(byAdmin.status).toBe(200);
      expect(byAdmin.headers.get('content-type')).toBe('image/png');
      const byCookie = await get(`${imagePath}/${kind}`, { cookie: `${WEB_SESSION_COOKIE}=${adminSession}` });
      expect(byCookie.status).toBe(200);
      // A script's API token is no session: in the cookie it signs no browser in.
      const tokenAsCookie = await get(`${imagePath}/${kind}`, { cookie: `${WEB_SESSION_COOKIE}=${admin}` });
      expect(tokenAsCookie.status).toBe(401);
    }
  });

  it('forgets a caller at once when their session ends, their token is revoked or their role changes', async () => {
    const { db } = app.database;
    const [user] = await db
      .insert(users)
      .values({ email: 'a@example.org', name: 'A', role: 'ANNOTATOR' })
      .returning();
    const token = (await createApiToken(db, { userId: user!.id, name: 't' })).token;
    const session = (
      await createApiToken(db, {
        userId: user!.id,
        name: WEB_SESSION_TOKEN_NAME,
        expiresAt: new Date(Date.now() + 3_600_000),
      })
    ).token;
    const graphql = async (query: string, headers: Record<string, string>) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as { errors?: unknown[] };
      expect(body.errors).toBeUndefined();
    };
    const original = `${imagePath}/original`;
    const byCookie = { cookie: `${WEB_SESSION_COOKIE}=${session}` };
    expect((await get(original, byCookie)).status).toBe(200);
    await graphql('mutation { signOut }', byCookie);
    expect((await get(original, byCookie)).status).toBe(401);

    const byToken = { authorization: `Bearer ${token}` };
    expect((await get(original, byToken)).status).toBe(200);
    const userId = Buffer.from(`User:${user!.id}`).toString('base64url');
    await graphql(`mutation { updateUser(id: "${userId}", role: READER) { id } }`, {
      authorization: `Bearer ${admin}`,
    });
    // The token no longer reads images (its role is above the user's now, or the user is a reader).
    expect([401, 403]).toContain((await get(original, byToken)).status);
    await graphql(`mutation { updateUser(id: "${userId}", role: ANNOTATOR) { id } }`, {
      authorization: `Bearer ${admin}`,
    });

    const fresh = await createApiToken(db, { userId: user!.id, name: 'fresh' });
    const byFresh = { authorization: `Bearer ${fresh.token}` };
    expect((await get(original, byFresh)).status).toBe(200);
    const tokenId = Buffer.from(`ApiToken:${fresh.id}`).toString('base64url');
    await graphql(`mutation { revokeApiToken(id: "${tokenId}") { id } }`, {
      authorization: `Bearer ${admin}`,
    });
    expect((await get(original, byFresh)).status).toBe(401);
  });
});
