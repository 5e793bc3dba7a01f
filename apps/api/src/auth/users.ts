import { apiTokens, type Database, users } from '@loupe/db';
import { and, count, eq, inArray, isNull, ne } from 'drizzle-orm';
import { AppError, badInput, notFound } from '../errors';
import { checkPasswordStrength, hashPassword } from './passwords';
import { type Role, roleAllows } from './roles';

export type UserRow = typeof users.$inferSelect;

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Creates a user who signs in with an email and password; the password is stored as a salted scrypt hash. */
export async function createUser(
  db: Database,
  options: { email: string; name: string; role: Role; password: string },
): Promise<UserRow> {
  const email = normalizeEmail(options.email);
  const name = options.name.trim();
  if (!EMAIL.test(email) || email.length > 320) throw badInput(`"${options.email}" is not an email address.`);
  if (!name || name.length > 200) throw badInput('A name needs 1 to 200 characters.');
  checkPasswordStrength(options.password);
  const passwordHash = await hashPassword(options.password);
  const [created] = await db
    .insert(users)
    .values({ email, name, role: options.role, passwordHash })
    .onConflictDoNothing()
    .returning();
  if (!created) throw new AppError('CONFLICT', `A user with the email ${email} already exists.`);
  return created;
}

/**
 * Changes a user's role or disables (re-enables) them. Tokens the new role no longer covers are revoked, and
 * all of a disabled user's tokens; the last enabled admin can be neither demoted nor disabled.
 */
export async function updateUser(
  db: Database,
  options: { userId: string; role?: Role | null; disabled?: boolean | null },
): Promise<UserRow> {
  const [user] = await db.select().from(users).where(eq(users.id, options.userId));
  if (!user) throw notFound('That user');
  const role = options.role ?? user.role;
  const isDisabled = options.disabled ?? user.disabledAt !== null;
  const losesAdmin = user.role === 'ADMIN' && user.disabledAt === null && (role !== 'ADMIN' || isDisabled);
  if (losesAdmin && (await countOtherEnabledAdmins(db, user.id)) === 0)
    throw new AppError('CONFLICT', 'This is the last enabled admin; make another user an admin first.');
  const disabledAt = isDisabled ? (user.disabledAt ?? new Date()) : null;
  const [updated] = await db.update(users).set({ role, disabledAt }).where(eq(users.id, user.id)).returning();
  await revokeTokensBeyond(db, user.id, isDisabled ? undefined : role);
  return updated!;
}

async function countOtherEnabledAdmins(db: Database, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, 'ADMIN'), isNull(users.disabledAt), ne(users.id, userId)));
  return row?.n ?? 0;
}

/** Revokes a user's live tokens whose role exceeds `role` (all of them when `role` is undefined). */
async function revokeTokensBeyond(db: Database, userId: string, role: Role | undefined): Promise<void> {
  const live = await db
    .select({ id: apiTokens.id, role: apiTokens.role })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
  const beyond = live.filter((token) => !role || !roleAllows(role, token.role)).map((token) => token.id);
  if (beyond.length === 0) return;
  await db.update(apiTokens).set({ revokedAt: new Date() }).where(inArray(apiTokens.id, beyond));
}
