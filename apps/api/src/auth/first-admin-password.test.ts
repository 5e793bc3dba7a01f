import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { users } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { ensureAdminUser } from './api-tokens';
import { ADMIN_PASSWORD_FILE, ensureFirstAdminPassword, FIRST_ADMIN_EMAIL } from './first-admin-password';
import { hashPassword } from './passwords';
import { createSignInLimiters, signIn } from './web-sessions';

describe.each(testDatabaseTargets())('the first administrator’s password on $name', (target) => {
  let app: TestApp;
  const passwordHashOfAdmin = async () => {
    const [row] = await app.database.db.select().from(users).where(eq(users.email, FIRST_ADMIN_EMAIL));
    return row?.passwordHash;
  };

  beforeEach(async () => {
    app = await createTestApp(target);
  }, 120_000);
  afterEach(async () => {
    await app?.close();
  });

  it('sets a random password once, written to an owner-only file, that signs in', async () => {
    await ensureAdminUser(app.database.db);
    const dataDir = join(app.tempDir, 'data');
    const path = await ensureFirstAdminPassword(app.database.db, dataDir);
    expect(path).toBe(join(dataDir, ADMIN_PASSWORD_FILE));
    expect((await stat(path!)).mode & 0o777).toBe(0o600);
    expect(await readdir(dataDir)).toEqual([ADMIN_PASSWORD_FILE]);
    const password = (await readFile(path!, 'utf8')).trim();
    expect(password.length).toBeGreaterThanOrEqual(16);
    const hash = await passwordHashOfAdmin();
    expect(hash).toMatch(/^scrypt\$/);
    expect(hash).not.toContain(password);

    const session = await signIn(app.database.db, {
      email: FIRST_ADMIN_EMAIL,
      password,
      clientIp: '127.0.0.1',
      limiters: createSignInLimiters(),
    });
    expect(session.viewer).toMatchObject({ email: FIRST_ADMIN_EMAIL, role: 'ADMIN' });

    // A restart leaves both the password and the file alone.
    expect(await ensureFirstAdminPassword(app.database.db, dataDir)).toBeUndefined();
    expect(await passwordHashOfAdmin()).toBe(hash);
    expect((await readFile(path!, 'utf8')).trim()).toBe(password);
  });

  it('gives each instance its own password', async () => {
    await ensureAdminUser(app.database.db);
    const first = await ensureFirstAdminPassword(app.database.db, join(app.tempDir, 'a'));
    await app.database.db.update(users).set({ passwordHash: null }).where(eq(users.email, FIRST_ADMIN_EMAIL));
    const second = await ensureFirstAdminPassword(app.database.db, join(app.tempDir, 'b'));
    expect(await readFile(first!, 'utf8')).not.toBe(await readFile(second!, 'utf8'));
  });

  it('makes a leftover file owner-only when it replaces it', async () => {
    await ensureAdminUser(app.database.db);
    await writeFile(join(app.tempDir, ADMIN_PASSWORD_FILE), 'old\n', { mode: 0o644 });
    const path = await ensureFirstAdminPassword(app.database.db, app.tempDir);
    expect((await stat(path!)).mode & 0o777).toBe(0o600);
    expect((await readFile(path!, 'utf8')).trim()).not.toBe('old');
  });

  it('leaves an administrator who has a password, and an instance without admin@localhost, alone', async () => {
    await ensureAdminUser(app.database.db);
    const chosen = await hashPassword('chosen by the admin');
    await app.database.db
      .update(users)
      .set({ passwordHash: chosen })
      .where(eq(users.email, FIRST_ADMIN_EMAIL));
    expect(await ensureFirstAdminPassword(app.database.db, app.tempDir)).toBeUndefined();
    expect(await passwordHashOfAdmin()).toBe(chosen);

    await app.database.db.delete(users).where(eq(users.email, FIRST_ADMIN_EMAIL));
    expect(await ensureFirstAdminPassword(app.database.db, app.tempDir)).toBeUndefined();
    expect(await readdir(app.tempDir)).not.toContain(ADMIN_PASSWORD_FILE);
  });
});
