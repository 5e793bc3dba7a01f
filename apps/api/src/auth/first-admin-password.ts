import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Database, users } from '@loupe/db';
import { and, eq, isNull } from 'drizzle-orm';
import { generatePassword, hashPassword } from './passwords';

/** The administrator `ensureAdminUser` creates on an empty instance. */
export const FIRST_ADMIN_EMAIL = 'admin@localhost';
export const ADMIN_PASSWORD_FILE = 'admin-password';

/**
 * Gives the first administrator a random password when it has none, so a fresh instance can be signed in
 * to, and writes it to `<dataDir>/admin-password`, readable by its owner only. Returns that file's path
 * when it set a password, undefined when there was nothing to do (no such user, or it has a password).
 * The password reaches the file before the database: if anything fails midway it is not lost.
 */
export async function ensureFirstAdminPassword(db: Database, dataDir: string): Promise<string | undefined> {
  const [admin] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, FIRST_ADMIN_EMAIL));
  if (!admin || admin.passwordHash !== null) return undefined;
  const password = generatePassword();
  const path = join(dataDir, ADMIN_PASSWORD_FILE);
  const pending = `${path}.${process.pid}.tmp`;
  await mkdir(dataDir, { recursive: true });
  await writeFile(pending, `${password}\n`, { mode: 0o600 });
  // `mode` only applies to a new file; a leftover one keeps its own.
  await chmod(pending, 0o600);
  // Only where the password is still unset: another process starting at the same time may have set it.
  const updated = await db
    .update(users)
    .set({ passwordHash: await hashPassword(password) })
    .where(and(eq(users.id, admin.id), isNull(users.passwordHash)))
    .returning({ id: users.id });
  if (updated.length === 0) {
    await rm(pending, { force: true });
    return undefined;
  }
  await rename(pending, path);
  return path;
}
