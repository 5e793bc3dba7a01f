import { apiTokens, users } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authClient, codeOf, cookieOf } from '../../test/auth-client';
import { dumpTables } from '../../test/database-snapshot';
import { createTestApp, type TestApp } from '../../test/test-app';
import { createApiToken, ensureAdminUser } from '../auth/api-tokens';
import { createSignInLimiters, signIn } from '../auth/web-sessions';
import type { AppError } from '../errors';
import { type RunningServer, startServer } from '../server';

const CREATE_USER = `mutation($email: String!, $name: String!, $role: Role!, $password: String!) {
  createUser(email: $email, name: $name, role: $role, password: $password) { id email name role isDisabled hasPassword }
}`;
const UPDATE_USER = `mutation($id: ID!, $role: Role, $disabled: Boolean) {
  updateUser(id: $id, role: $role, disabled: $disabled) { id role isDisabled }
}`;
const SIGN_IN = `mutation($email: String!, $password: String!) {
  signIn(email: $email, password: $password) { role user { email name role } }
}`;
const ME = '{ me { role user { email } } }';

describe.each(testDatabaseTargets())('users and web sessions on $name', (target) => {
  let app: TestApp;
  let server: RunningServer;
  let admin: string;
  let adminId: string;
  const gql = authClient(() => server);

  beforeAll(async () => {
    app = await createTestApp(target);
    adminId = await ensureAdminUser(app.database.db);
    admin = (await createApiToken(app.database.db, { userId: adminId, name: 'test' })).token;
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  const createAnn = async () => {
    const created = await gql(
      CREATE_USER,
      { email: ' Ann@Example.org ', name: 'Ann', role: 'ANNOTATOR', password: 'ann password 1' },
      { token: admin },
    );
    expect(created.errors).toBeUndefined();
    return created.data.createUser as { id: string; email: string };
  };

  it('lets an admin create users with a hashed password; bad input and non-admins change nothing', async () => {
    const ann = await createAnn();
    expect(ann).toMatchObject({ email: 'ann@example.org', hasPassword: true, isDisabled: false });
    const [row] = await app.database.db.select().from(users).where(eq(users.email, 'ann@example.org'));
    expect(row!.passwordHash).toMatch(/^scrypt\$/);
    expect(row!.passwordHash).not.toContain('ann password 1');
    const before = await dumpTables(app.database);
    const refusals = [
      [{ email: 'ann@example.org', name: 'Again', role: 'READER', password: 'x'.repeat(12) }, 'CONFLICT'],
      [{ email: 'not an email', name: 'N', role: 'READER', password: 'x'.repeat(12) }, 'BAD_INPUT'],
      [{ email: 'short@example.org', name: 'S', role: 'READER', password: 'too short' }, 'BAD_INPUT'],
      [{ email: 'blank@example.org', name: '  ', role: 'READER', password: 'x'.repeat(12) }, 'BAD_INPUT'],
    ] as const;
    for (const [variables, code] of refusals) {
      expect(codeOf(await gql(CREATE_USER, variables, { token: admin }))).toBe(code);
    }
    const annToken = (await createApiToken(app.database.db, { userId: idFromGlobal(ann.id), name: 't' }))
      .token;
    const byAnnotator = await gql(
      CREATE_USER,
      { email: 'eve@example.org', name: 'Eve', role: 'ADMIN', password: 'x'.repeat(12) },
      { token: annToken },
    );
    expect(codeOf(byAnnotator)).toBe('FORBIDDEN');
    const anonymous = await gql(CREATE_USER, {
      email: 'eve@example.org',
      name: 'Eve',
      role: 'ADMIN',
      password: 'x'.repeat(12),
    });
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
    // The annotator token above is the only new row.
    expect((await dumpTables(app.database)).split('\n').length).toBe(before.split('\n').length + 1);
    const listed = await gql(
      '{ users(first: 10) { totalCount edges { node { email role } } } }',
      {},
      { token: admin },
    );
    expect(listed.data.users.edges.map((edge: { node: { email: string } }) => edge.node.email)).toEqual([
      'admin@localhost',
      'ann@example.org',
    ]);
  });

  it('signs in with a cookie session, answers me, and signs out by revoking the session', async () => {
    const signedIn = await gql(SIGN_IN, { email: 'ANN@example.org', password: 'ann password 1' });
    expect(signedIn.data.signIn).toEqual({
      role: 'ANNOTATOR',
      user: { email: 'ann@example.org', name: 'Ann', role: 'ANNOTATOR' },
    });
    expect(signedIn.setCookie).toMatch(/^loupe_session=loupe_[\w-]+;/);
    expect(signedIn.setCookie).toMatch(/HttpOnly/i);
    expect(signedIn.setCookie).toMatch(/SameSite=Lax/i);
    expect(signedIn.setCookie).toMatch(/Path=\//);
    const expires = new Date(/Expires=([^;]+)/.exec(signedIn.setCookie!)![1]!).getTime();
    expect(Math.abs(expires - (Date.now() + 12 * 3600 * 1000))).toBeLessThan(120_000);
    const cookie = cookieOf(signedIn.setCookie);
    const [session] = await app.database.db.select().from(apiTokens).where(eq(apiTokens.name, 'web session'));
    expect(session!.expiresAt).not.toBeNull();
    expect((await gql(ME, {}, { cookie })).data.me).toEqual({
      role: 'ANNOTATOR',
      user: { email: 'ann@example.org' },
    });
    expect(codeOf(await gql(ME))).toBe('UNAUTHENTICATED');
    const signedOut = await gql('mutation { signOut }', {}, { cookie });
    expect(signedOut.data.signOut).toBe(true);
    expect(signedOut.setCookie).toMatch(/^loupe_session=;/);
    const [revoked] = await app.database.db.select().from(apiTokens).where(eq(apiTokens.id, session!.id));
    expect(revoked!.revokedAt).not.toBeNull();
    // The old cookie now signs no one in; the request runs signed out and the cookie is cleared.
    const stale = await gql(ME, {}, { cookie });
    expect(codeOf(stale)).toBe('UNAUTHENTICATED');
    expect(stale.status).toBe(200);
    expect(stale.setCookie).toMatch(/^loupe_session=;/);
  });

  it('takes only a session that signing in opened from the cookie, never an API token', async () => {
    const signedIn = await gql(SIGN_IN, { email: 'ann@example.org', password: 'ann password 1' });
    const created = await gql(
      'mutation { createApiToken(name: "script") { secret } }',
      {},
      { cookie: cookieOf(signedIn.setCookie) },
    );
    const secret = created.data.createApiToken.secret as string;
    expect((await gql(ME, {}, { token: secret })).data.me.role).toBe('ANNOTATOR');
    const asCookie = await gql(ME, {}, { cookie: `loupe_session=${secret}` });
    expect(codeOf(asCookie)).toBe('UNAUTHENTICATED');
    expect(asCookie.setCookie).toMatch(/^loupe_session=;/);
    // Nor does the token open a session as a password would.
    expect(codeOf(await gql(SIGN_IN, { email: 'ann@example.org', password: secret }))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('refuses requests a cross-site page could send with the cookie (no JSON body, no preflight)', async () => {
    const signedIn = await gql(SIGN_IN, { email: 'ann@example.org', password: 'ann password 1' });
    const cookie = cookieOf(signedIn.setCookie);
    expect((await gql(ME, {}, { cookie })).data.me.role).toBe('ANNOTATOR');
    const before = await dumpTables(app.database);
    const form = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', cookie },
      body: JSON.stringify({ query: 'mutation { createApiToken(name: "stolen") { secret } }' }),
    });
    expect(form.status).toBe(400);
    const link = await fetch(`${server.url}/graphql?query=${encodeURIComponent(ME)}`, {
      headers: { cookie },
    });
    expect(link.status).toBe(400);
    expect(await link.text()).not.toContain('ann@example.org');
    expect(await dumpTables(app.database)).toBe(before);
  });

  it('gives a wrong password, an unknown email and a disabled user the same error, and opens no session', async () => {
    const before = await dumpTables(app.database);
    const attempts = [
      { email: 'ann@example.org', password: 'wrong password' },
      { email: 'nobody@example.org', password: 'ann password 1' },
      { email: 'admin@localhost', password: 'no password is set' },
    ];
    const results = await Promise.all(attempts.map((variables) => gql(SIGN_IN, variables)));
    for (const result of results) {
      expect(codeOf(result)).toBe('UNAUTHENTICATED');
      expect(result.errors?.[0]?.message).toBe('The email or password is wrong.');
      expect(result.setCookie).toBeNull();
    }
    expect(await dumpTables(app.database)).toBe(before);
  });

  it('disables and demotes users: their tokens stop working, and the last admin stays', async () => {
    const [ann] = await app.database.db.select().from(users).where(eq(users.email, 'ann@example.org'));
    const annId = Buffer.from(`User:${ann!.id}`).toString('base64url');
    const annToken = (await createApiToken(app.database.db, { userId: ann!.id, name: 'script' })).token;
    expect((await gql(ME, {}, { token: annToken })).data.me.role).toBe('ANNOTATOR');
    const disabled = await gql(UPDATE_USER, { id: annId, disabled: true }, { token: admin });
    expect(disabled.data.updateUser).toMatchObject({ isDisabled: true });
    expect((await gql(ME, {}, { token: annToken })).status).toBe(401);
    expect(codeOf(await gql(SIGN_IN, { email: 'ann@example.org', password: 'ann password 1' }))).toBe(
      'UNAUTHENTICATED',
    );
    await gql(UPDATE_USER, { id: annId, disabled: false, role: 'ADMIN' }, { token: admin });
    const annAdmin = (await createApiToken(app.database.db, { userId: ann!.id, name: 'admin script' })).token;
    const demoted = await gql(UPDATE_USER, { id: annId, role: 'DATA_SCIENTIST' }, { token: admin });
    expect(demoted.data.updateUser).toEqual({ id: annId, role: 'DATA_SCIENTIST', isDisabled: false });
    expect((await gql(ME, {}, { token: annAdmin })).status).toBe(401);
    const selfAdminId = Buffer.from(`User:${adminId}`).toString('base64url');
    const before = await dumpTables(app.database);
    const lastAdmin = await gql(UPDATE_USER, { id: selfAdminId, role: 'READER' }, { token: admin });
    expect(codeOf(lastAdmin)).toBe('CONFLICT');
    expect(codeOf(await gql(UPDATE_USER, { id: selfAdminId, disabled: true }, { token: admin }))).toBe(
      'CONFLICT',
    );
    expect(codeOf(await gql(UPDATE_USER, { id: 'bm9wZQ', role: 'READER' }, { token: admin }))).toBe(
      'BAD_INPUT',
    );
    expect(await dumpTables(app.database)).toBe(before);
  });

  it('limits sign-in attempts per email and per address, each on its own, with a typed error', async () => {
    const before = await dumpTables(app.database);
    const limiters = createSignInLimiters();
    const opened: string[] = [];
    const attempt = (email: string, clientIp: string, password = 'a wrong password') =>
      signIn(app.database.db, { email, password, clientIp, limiters }).then(
        (session) => {
          opened.push(session.viewer.tokenId!);
          return 'SIGNED_IN';
        },
        (error: AppError) => error.code,
      );
    for (let index = 0; index < 10; index += 1)
      expect(await attempt('target@example.org', `10.0.0.${index}`)).toBe('UNAUTHENTICATED');
    expect(await attempt('TARGET@example.org', '10.0.1.1')).toBe('RATE_LIMITED');
    expect(await attempt('other@example.org', '10.0.1.1')).toBe('UNAUTHENTICATED');
    for (let index = 0; index < 10; index += 1)
      expect(await attempt(`user${index}@example.org`, '10.0.2.1')).toBe('UNAUTHENTICATED');
    expect(await attempt('ann@example.org', '10.0.2.1', 'ann password 1')).toBe('RATE_LIMITED');
    expect(await attempt('ann@example.org', '10.0.2.2', 'ann password 1')).toBe('SIGNED_IN');
    // Successful sign-ins do not count: a whole office behind one address signs in.
    for (let index = 0; index < 12; index += 1)
      expect(await attempt('ann@example.org', '10.0.3.1', 'ann password 1')).toBe('SIGNED_IN');
    expect(opened).toHaveLength(13);
    for (const id of opened) await app.database.db.delete(apiTokens).where(eq(apiTokens.id, id));
    expect(await dumpTables(app.database)).toBe(before);
  });

  it('answers the eleventh sign-in of one client within 15 minutes with RATE_LIMITED, by forwarded address', async () => {
    const fresh = await startServer(app, { port: 0, host: '127.0.0.1' });
    try {
      const post = authClient(() => fresh);
      // The web app signs in on the user's behalf and forwards their address; loopback proxies are believed.
      const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
      for (let index = 0; index < 10; index += 1) {
        const guess = await post(
          SIGN_IN,
          { email: `x${index}@example.org`, password: 'guess guess' },
          from('203.0.113.7'),
        );
        expect(codeOf(guess)).toBe('UNAUTHENTICATED');
      }
      const limited = await post(
        SIGN_IN,
        { email: 'ann@example.org', password: 'ann password 1' },
        from('203.0.113.7'),
      );
      expect(codeOf(limited)).toBe('RATE_LIMITED');
      expect(limited.errors?.[0]?.message).toMatch(/15 minutes/);
      expect(limited.setCookie).toBeNull();
      const other = await post(
        SIGN_IN,
        { email: 'ann@example.org', password: 'ann password 1' },
        from('203.0.113.8'),
      );
      expect(other.data.signIn.user.email).toBe('ann@example.org');
    } finally {
      await fresh.close();
    }
  });
});

function idFromGlobal(globalId: string): string {
  return Buffer.from(globalId, 'base64url').toString().split(':')[1]!;
}
