import { users } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authClient, codeOf, cookieOf } from '../../test/auth-client';
import { createTestApp, type TestApp } from '../../test/test-app';
import { createApiToken, ensureAdminUser } from '../auth/api-tokens';
import { createUser } from '../auth/users';
import { type RunningServer, startServer } from '../server';

const SIGN_IN =
  'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { role } }';
const CHANGE = `mutation($current: String!, $next: String!) {
  changePassword(currentPassword: $current, newPassword: $next)
}`;
const SET =
  'mutation($id: ID!, $password: String) { updateUser(id: $id, password: $password) { id hasPassword } }';
const ME = '{ me { user { email } } }';

describe.each(testDatabaseTargets())('changing passwords on $name', (target) => {
  let app: TestApp;
  let server: RunningServer;
  let admin: string;
  const gql = authClient(() => server);

  /** A new user with a password, signed in twice (two browsers), and one API token. */
  const newUser = async (email: string, password: string) => {
    const user = await createUser(app.database.db, { email, name: email, role: 'ANNOTATOR', password });
    const signInOnce = async () => {
      const result = await gql(SIGN_IN, { email, password });
      expect(result.errors).toBeUndefined();
      return cookieOf(result.setCookie);
    };
    const token = (await createApiToken(app.database.db, { userId: user.id, name: 'script' })).token;
    return { user, here: await signInOnce(), there: await signInOnce(), token };
  };
  const hashOf = async (userId: string) =>
    (await app.database.db.select().from(users).where(eq(users.id, userId)))[0]!.passwordHash;
  const isSignedIn = async (auth: { cookie?: string; token?: string }) => !(await gql(ME, {}, auth)).errors;
  const signsIn = async (email: string, password: string) =>
    !(await gql(SIGN_IN, { email, password })).errors;

  beforeAll(async () => {
    app = await createTestApp(target);
    const adminId = await ensureAdminUser(app.database.db);
    admin = (await createApiToken(app.database.db, { userId: adminId, name: 'test' })).token;
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it('changes your own password: other browsers are signed out, this one and API tokens stay', async () => {
    const { user, here, there, token } = await newUser('ann@example.org', 'old password 1');
    const hashBefore = await hashOf(user.id);
    for (const [current, next, why] of [
      ['wrong password 1', 'new password 1', /current password is wrong/],
      ['old password 1', 'short', /at least 12/],
      ['old password 1', 'old password 1', /same as the current/],
    ] as const) {
      const refused = await gql(CHANGE, { current, next }, { cookie: here });
      expect(codeOf(refused)).toBe('BAD_INPUT');
      expect(refused.errors?.[0]?.message).toMatch(why);
      expect(await hashOf(user.id)).toBe(hashBefore);
      expect(await isSignedIn({ cookie: there })).toBe(true);
    }

    const changed = await gql(
      CHANGE,
      { current: 'old password 1', next: 'new password 1' },
      { cookie: here },
    );
    expect(changed.errors).toBeUndefined();
    expect(changed.data.changePassword).toBe(true);
    expect(await isSignedIn({ cookie: here })).toBe(true);
    expect(await isSignedIn({ cookie: there })).toBe(false);
    expect(await isSignedIn({ token })).toBe(true);
    expect(await signsIn('ann@example.org', 'old password 1')).toBe(false);
    expect(await signsIn('ann@example.org', 'new password 1')).toBe(true);
  });

  it('lets an admin set a password, which ends the user’s web sessions but not their API tokens', async () => {
    const { user, here, token } = await newUser('bob@example.org', 'bob password 1');
    const id = Buffer.from(`User:${user.id}`).toString('base64url');
    const hashBefore = await hashOf(user.id);
    expect(codeOf(await gql(SET, { id, password: 'too short' }, { token: admin }))).toBe('BAD_INPUT');
    expect(codeOf(await gql(SET, { id, password: 'bob password 2' }, { token }))).toBe('FORBIDDEN');
    expect(await hashOf(user.id)).toBe(hashBefore);
    expect(await isSignedIn({ cookie: here })).toBe(true);

    const set = await gql(SET, { id, password: 'bob password 2' }, { token: admin });
    expect(set.errors).toBeUndefined();
    expect(set.data.updateUser.hasPassword).toBe(true);
    expect(await isSignedIn({ cookie: here })).toBe(false);
    expect(await isSignedIn({ token })).toBe(true);
    expect(await signsIn('bob@example.org', 'bob password 1')).toBe(false);
    expect(await signsIn('bob@example.org', 'bob password 2')).toBe(true);
  });

  it('counts wrong current passwords as failed sign-ins, and refuses a user without a password or a token', async () => {
    const { user, here } = await newUser('cem@example.org', 'cem password 1');
    const hashBefore = await hashOf(user.id);
    const codes: (string | undefined)[] = [];
    for (let attempt = 0; attempt < 11; attempt++)
      codes.push(
        codeOf(
          await gql(CHANGE, { current: `guess ${attempt} xxxxxx`, next: 'cem password 2' }, { cookie: here }),
        ),
      );
    expect(codes.slice(0, 10)).toEqual(Array(10).fill('BAD_INPUT'));
    expect(codes[10]).toBe('RATE_LIMITED');
    // The limit is the sign-in limit of the email: the right password does not sign in either, for now.
    expect(codeOf(await gql(SIGN_IN, { email: 'cem@example.org', password: 'cem password 1' }))).toBe(
      'RATE_LIMITED',
    );
    expect(await hashOf(user.id)).toBe(hashBefore);

    // The local administrator signs in with a token and has no password to change.
    const noPassword = await gql(
      CHANGE,
      { current: 'anything at all', next: 'admin password 1' },
      { token: admin },
    );
    expect(codeOf(noPassword)).toBe('BAD_INPUT');
    expect(noPassword.errors?.[0]?.message).toMatch(/no password/);
    expect(codeOf(await gql(CHANGE, { current: 'cem password 1', next: 'cem password 2' }))).toBe(
      'UNAUTHENTICATED',
    );
  });
});
