import { apiTokens, users } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authClient, codeOf, cookieOf } from '../../test/auth-client';
import { dumpTables } from '../../test/database-snapshot';
import { createTestApp, type TestApp } from '../../test/test-app';
import { createApiToken, ensureAdminUser } from '../auth/api-tokens';
import { createUser } from '../auth/users';
import { type RunningServer, startServer } from '../server';

const CREATE = `mutation($name: String!, $role: Role, $expiresAt: String) {
  createApiToken(name: $name, role: $role, expiresAt: $expiresAt) {
    secret apiToken { id name role expiresAt revokedAt isWebSession owner { email } }
  }
}`;
const LIST = `query($userId: ID, $all: Boolean) {
  apiTokens(userId: $userId, includeInactive: $all) { id name role owner { email } }
}`;
const REVOKE = 'mutation($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }';
const ME = '{ me { role user { email } } }';

describe.each(testDatabaseTargets())('API tokens over GraphQL on $name', (target) => {
  let app: TestApp;
  let server: RunningServer;
  let admin: string;
  let scientist: string;
  let scientistId: string;
  const gql = authClient(() => server);

  beforeAll(async () => {
    app = await createTestApp(target);
    const { db } = app.database;
    admin = (await createApiToken(db, { userId: await ensureAdminUser(db), name: 'admin script' })).token;
    const [user] = await db
      .insert(users)
      .values({ email: 'sci@example.org', name: 'Sci', role: 'DATA_SCIENTIST' })
      .returning();
    scientistId = user!.id;
    scientist = (await createApiToken(db, { userId: scientistId, name: 'notebook' })).token;
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it('creates a token whose secret is shown once and works, lists tokens without secrets, and revokes', async () => {
    const created = await gql(CREATE, { name: 'nightly export', role: 'ANNOTATOR' }, { token: scientist });
    const { secret, apiToken } = created.data.createApiToken;
    expect(secret).toMatch(/^loupe_[\w-]{43}$/);
    expect(apiToken).toMatchObject({
      name: 'nightly export',
      role: 'ANNOTATOR',
      expiresAt: null,
      revokedAt: null,
      isWebSession: false,
      owner: { email: 'sci@example.org' },
    });
    const [stored] = await app.database.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.name, 'nightly export'));
    expect(stored!.tokenHash).not.toContain(secret);
    expect((await gql(ME, {}, { token: secret })).data.me).toEqual({
      role: 'ANNOTATOR',
      user: { email: 'sci@example.org' },
    });
    const mine = await gql(LIST, {}, { token: scientist });
    expect(mine.data.apiTokens.map((token: { name: string }) => token.name)).toEqual([
      'nightly export',
      'notebook',
    ]);
    expect(JSON.stringify(mine)).not.toContain(secret);
    const everyone = await gql(LIST, {}, { token: admin });
    expect(
      everyone.data.apiTokens.map((token: { owner: { email: string } }) => token.owner.email).sort(),
    ).toEqual(['admin@localhost', 'sci@example.org', 'sci@example.org']);
    const revoked = await gql(REVOKE, { id: apiToken.id }, { token: scientist });
    expect(revoked.data.revokeApiToken.revokedAt).not.toBeNull();
    const afterRevoke = await gql(ME, {}, { token: secret });
    expect(afterRevoke.status).toBe(401);
    expect(codeOf(afterRevoke)).toBe('UNAUTHENTICATED');
    expect((await gql(LIST, {}, { token: scientist })).data.apiTokens).toHaveLength(1);
    expect((await gql(LIST, { all: true }, { token: scientist })).data.apiTokens).toHaveLength(2);
  });

  it('marks the token a request came with as current: this browser’s session, or this script’s token', async () => {
    const user = await createUser(app.database.db, {
      email: 'current@example.org',
      name: 'Current',
      role: 'ANNOTATOR',
      password: 'current password 1',
    });
    const signInOnce = async () =>
      cookieOf(
        (
          await gql('mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { role } }', {
            e: 'current@example.org',
            p: 'current password 1',
          })
        ).setCookie,
      );
    const [here, there] = [await signInOnce(), await signInOnce()];
    const script = (await createApiToken(app.database.db, { userId: user.id, name: 'script' })).token;
    const currentOf = async (auth: { cookie?: string; token?: string }) => {
      const { data } = await gql('{ apiTokens { id name isWebSession isCurrent } }', {}, auth);
      expect(data.apiTokens).toHaveLength(3);
      return data.apiTokens.filter((token: { isCurrent: boolean }) => token.isCurrent);
    };
    const [fromHere] = await currentOf({ cookie: here });
    const [fromThere] = await currentOf({ cookie: there });
    expect(fromHere).toMatchObject({ isWebSession: true });
    expect(fromThere).toMatchObject({ isWebSession: true });
    expect(fromThere.id).not.toBe(fromHere.id);
    expect(await currentOf({ token: script })).toEqual([
      expect.objectContaining({ name: 'script', isWebSession: false }),
    ]);
  });

  it('answers an expired, a revoked and a forged token with 401 UNAUTHENTICATED', async () => {
    const { db } = app.database;
    const expired = await createApiToken(db, {
      userId: scientistId,
      name: 'old',
      expiresAt: new Date(Date.now() - 1000),
    });
    const revoked = await createApiToken(db, { userId: scientistId, name: 'gone' });
    await db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, revoked.id));
    const forged = `loupe_${'A'.repeat(43)}`;
    for (const token of [expired.token, revoked.token, forged, 'not-even-a-loupe-token']) {
      const result = await gql('{ health { ok } }', {}, { token });
      expect(result.status).toBe(401);
      expect(codeOf(result)).toBe('UNAUTHENTICATED');
      expect(result.data).toBeUndefined();
    }
  });

  it('refuses wider roles, bad names and dates, and other users’ tokens, changing nothing', async () => {
    const before = await dumpTables(app.database);
    const [adminToken] = await app.database.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.name, 'admin script'));
    const adminTokenId = Buffer.from(`ApiToken:${adminToken!.id}`).toString('base64url');
    const adminUserId = Buffer.from(`User:${adminToken!.userId}`).toString('base64url');
    const refusals: [string, object, string, string][] = [
      [CREATE, { name: 'escalate', role: 'ADMIN' }, scientist, 'FORBIDDEN'],
      [CREATE, { name: '  ' }, scientist, 'BAD_INPUT'],
      [CREATE, { name: 'web session' }, scientist, 'BAD_INPUT'],
      [CREATE, { name: 'x', expiresAt: 'next tuesday' }, scientist, 'BAD_INPUT'],
      [CREATE, { name: 'x', expiresAt: '2001-01-01T00:00:00Z' }, scientist, 'BAD_INPUT'],
      [REVOKE, { id: adminTokenId }, scientist, 'FORBIDDEN'],
      [LIST, { userId: adminUserId }, scientist, 'FORBIDDEN'],
      [`{ node(id: "${adminTokenId}") { id } }`, {}, scientist, 'NONE'],
    ];
    for (const [query, variables, token, code] of refusals) {
      const result = await gql(query, variables, { token });
      if (code === 'NONE') expect(result.data.node).toBeNull();
      else expect(codeOf(result), JSON.stringify(variables)).toBe(code);
    }
    // A token scoped down to ANNOTATOR cannot mint a DATA_SCIENTIST token for its owner.
    const narrow = await gql(CREATE, { name: 'narrow', role: 'ANNOTATOR' }, { token: scientist });
    const wider = await gql(
      CREATE,
      { name: 'wider', role: 'DATA_SCIENTIST' },
      { token: narrow.data.createApiToken.secret },
    );
    expect(codeOf(wider)).toBe('FORBIDDEN');
    await app.database.db.delete(apiTokens).where(eq(apiTokens.name, 'narrow'));
    expect(await dumpTables(app.database)).toBe(before);
    const seenByAdmin = await gql(
      `{ node(id: "${adminTokenId}") { ... on ApiToken { name } } }`,
      {},
      { token: admin },
    );
    expect(seenByAdmin.data.node).toEqual({ name: 'admin script' });
  });
});
