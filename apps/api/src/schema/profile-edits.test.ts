import { users } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authClient, codeOf } from '../../test/auth-client';
import { createTestApp, type TestApp } from '../../test/test-app';
import { createApiToken, ensureAdminUser } from '../auth/api-tokens';
import { createUser } from '../auth/users';
import { type RunningServer, startServer } from '../server';

const EDIT = `mutation($id: ID!, $name: String, $email: String) {
  updateUser(id: $id, name: $name, email: $email) { id name email }
}`;
const RENAME_ME = 'mutation($name: String!) { updateMyName(name: $name) { name } }';
const SIGN_IN =
  'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { role } }';

describe.each(testDatabaseTargets())('editing names and emails on $name', (target) => {
  let app: TestApp;
  let server: RunningServer;
  let admin: string;
  const gql = authClient(() => server);
  const everyUser = async () =>
    JSON.stringify(await app.database.db.select().from(users).orderBy(asc(users.email)));

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

  it('lets an admin correct a name and an email; the user then signs in with the new email', async () => {
    const ann = await createUser(app.database.db, {
      email: 'ann@example.org',
      name: 'Anne',
      role: 'ANNOTATOR',
      password: 'ann password 1',
    });
    await createUser(app.database.db, {
      email: 'bob@example.org',
      name: 'Bob',
      role: 'ANNOTATOR',
      password: 'bob password 1',
    });
    const annToken = (await createApiToken(app.database.db, { userId: ann.id, name: 't' })).token;
    const id = Buffer.from(`User:${ann.id}`).toString('base64url');

    const before = await everyUser();
    for (const [variables, code, why] of [
      [{ name: '   ' }, 'BAD_INPUT', /1 to 200/],
      [{ name: 'x'.repeat(201) }, 'BAD_INPUT', /1 to 200/],
      [{ name: 'Ann\nLee' }, 'BAD_INPUT', /one line/],
      [{ email: 'not an email' }, 'BAD_INPUT', /not an email/],
      [{ email: ' BOB@example.org ' }, 'CONFLICT', /already exists/],
      [{ name: 'Ann Lee', email: 'bob@example.org' }, 'CONFLICT', /already exists/],
    ] as const) {
      const refused = await gql(EDIT, { id, ...variables }, { token: admin });
      expect(codeOf(refused), JSON.stringify(variables)).toBe(code);
      expect(refused.errors?.[0]?.message).toMatch(why);
    }
    expect(codeOf(await gql(EDIT, { id, name: 'Ann Lee' }, { token: annToken }))).toBe('FORBIDDEN');
    expect(await everyUser()).toBe(before);

    const edited = await gql(EDIT, { id, name: ' Ann Lee ', email: 'Ann.Lee@Example.org' }, { token: admin });
    expect(edited.errors).toBeUndefined();
    expect(edited.data.updateUser).toEqual({ id, name: 'Ann Lee', email: 'ann.lee@example.org' });
    expect(codeOf(await gql(SIGN_IN, { email: 'ann@example.org', password: 'ann password 1' }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(
      (await gql(SIGN_IN, { email: 'ann.lee@example.org', password: 'ann password 1' })).errors,
    ).toBeUndefined();
    // Her own email again is no conflict.
    expect((await gql(EDIT, { id, email: 'ann.lee@example.org' }, { token: admin })).errors).toBeUndefined();
  });

  it('lets every signed-in user change their own name, readers too', async () => {
    const reader = await createUser(app.database.db, {
      email: 'reader@example.org',
      name: 'Reader',
      role: 'READER',
      password: 'reader password 1',
    });
    const token = (await createApiToken(app.database.db, { userId: reader.id, name: 't' })).token;
    const before = await everyUser();
    expect(codeOf(await gql(RENAME_ME, { name: '' }, { token }))).toBe('BAD_INPUT');
    expect(codeOf(await gql(RENAME_ME, { name: 'Dr R.' }))).toBe('UNAUTHENTICATED');
    expect(await everyUser()).toBe(before);
    const renamed = await gql(RENAME_ME, { name: 'Dr Rita Reader' }, { token });
    expect(renamed.data.updateMyName).toEqual({ name: 'Dr Rita Reader' });
    expect((await gql('{ me { user { name email } } }', {}, { token })).data.me.user).toEqual({
      name: 'Dr Rita Reader',
      email: 'reader@example.org',
    });
  });
});
