import { apiTokens, type Database, users } from '@loupe/db';
import { and, count, eq, inArray, isNull, ne } from 'drizzle-orm';
import { AppError, badInput, notFound } from '../errors';
import { WEB_SESSION_TOKEN_NAME } from './api-tokens';
import { checkPasswordStrength, hashPassword, PASSWORD_MAX_LENGTH, verifyPassword } from './passwords';
import type { RateLimiter } from './rate-limit';
import { type Role, roleAllows } from './roles';

export type UserRow = typeof users.$inferSelect;

/** The database or a transaction of it. */
type Executor = Pick<Database, 'select' | 'update'>;

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A trimmed, lower-case email address, or BAD_INPUT. */
function checkedEmail(input: string): string {
  const email = normalizeEmail(input);
  if (!EMAIL.test(email) || email.length > 320) throw badInput(`"${input}" is not an email address.`);
  return email;
}

/** A trimmed name of 1 to 200 characters on one line, or BAD_INPUT. */
function checkedName(input: string): string {
  const name = input.trim();
  if (!name || name.length > 200) throw badInput('A name needs 1 to 200 characters.');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(name))
    throw badInput('A name is one line of text, without control characters.');
  return name;
}

/** Creates a user who signs in with an email and password; the password is stored as a salted scrypt hash. */
export async function createUser(
  db: Database,
  options: { email: string; name: string; role: Role; password: string },
): Promise<UserRow> {
  const email = checkedEmail(options.email);
  const name = checkedName(options.name);
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
 * Changes a user's role, name or email, disables (re-enables) them, or sets a new password. Tokens the new role
 * no longer covers are revoked, and all of a disabled user's tokens; a new password ends the user's web sessions
 * (their API tokens stay). The last enabled admin can be neither demoted nor disabled; an email another user has
 * is a CONFLICT.
 */
export async function updateUser(
  db: Database,
  options: {
    userId: string;
    role?: Role | null;
    disabled?: boolean | null;
    password?: string | null;
    name?: string | null;
    email?: string | null;
  },
): Promise<UserRow> {
  if (options.password != null) checkPasswordStrength(options.password);
  const name = options.name != null ? checkedName(options.name) : undefined;
  const email = options.email != null ? checkedEmail(options.email) : undefined;
  const [user] = await db.select().from(users).where(eq(users.id, options.userId));
  if (!user) throw notFound('That user');
  if (email && email !== user.email) {
    const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (taken) throw new AppError('CONFLICT', `A user with the email ${email} already exists.`);
  }
  const role = options.role ?? user.role;
  const isDisabled = options.disabled ?? user.disabledAt !== null;
  const losesAdmin = user.role === 'ADMIN' && user.disabledAt === null && (role !== 'ADMIN' || isDisabled);
  if (losesAdmin && (await countOtherEnabledAdmins(db, user.id)) === 0)
    throw new AppError('CONFLICT', 'This is the last enabled admin; make another user an admin first.');
  const disabledAt = isDisabled ? (user.disabledAt ?? new Date()) : null;
  const passwordHash = options.password != null ? await hashPassword(options.password) : user.passwordHash;
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .update(users)
        .set({ role, disabledAt, passwordHash, name: name ?? user.name, email: email ?? user.email })
        .where(eq(users.id, user.id))
        .returning();
      await revokeTokensBeyond(tx, user.id, isDisabled ? undefined : role);
      if (options.password != null) await revokeWebSessions(tx, user.id, null);
      return row!;
    });
  } catch (error) {
    // Another request took the email between the check above and this update.
    const { code, cause } = (error ?? {}) as { code?: string; cause?: { code?: string } };
    if ((code ?? cause?.code) === '23505')
      throw new AppError('CONFLICT', `A user with the email ${email} already exists.`);
    throw error;
  }
}

/**
 * A signed-in user's own new password, after checking the current one. A wrong current password is a
 * BAD_INPUT and counts against the sign-in limit of the email, so this cannot be used to guess passwords faster
 * than signing in. The user's other web sessions end; the one asking (`keepTokenId`) and API tokens stay.
 */
export async function changeOwnPassword(
  db: Database,
  options: {
    userId: string;
    currentPassword: string;
    newPassword: string;
    keepTokenId: string | null;
    limiter: RateLimiter | undefined;
  },
): Promise<void> {
  const [user] = await db.select().from(users).where(eq(users.id, options.userId));
  if (!user) throw notFound('That user');
  if (!user.passwordHash)
    throw badInput('You have no password to change; an admin can set one (updateUser with a password).');
  if (options.limiter?.isExhausted(user.email))
    throw new AppError('RATE_LIMITED', 'Too many wrong passwords; try again in 15 minutes.');
  const matches = await verifyPassword(
    options.currentPassword.slice(0, PASSWORD_MAX_LENGTH + 1),
    user.passwordHash,
  );
  if (!matches) {
    options.limiter?.consume(user.email);
    throw badInput('The current password is wrong.');
  }
  checkPasswordStrength(options.newPassword);
  if (options.newPassword === options.currentPassword)
    throw badInput('The new password is the same as the current one.');
  const passwordHash = await hashPassword(options.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await revokeWebSessions(tx, user.id, options.keepTokenId);
  });
}

/** Ends a user's live web sessions, all but `keepTokenId`. */
async function revokeWebSessions(db: Executor, userId: string, keepTokenId: string | null): Promise<void> {
  await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(apiTokens.userId, userId),
        eq(apiTokens.name, WEB_SESSION_TOKEN_NAME),
        isNull(apiTokens.revokedAt),
        keepTokenId ? ne(apiTokens.id, keepTokenId) : undefined,
      ),
    );
}

async function countOtherEnabledAdmins(db: Database, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, 'ADMIN'), isNull(users.disabledAt), ne(users.id, userId)));
  return row?.n ?? 0;
}

/** Revokes a user's live tokens whose role exceeds `role` (all of them when `role` is undefined). */
async function revokeTokensBeyond(db: Executor, userId: string, role: Role | undefined): Promise<void> {
  const live = await db
    .select({ id: apiTokens.id, role: apiTokens.role })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
  const beyond = live.filter((token) => !role || !roleAllows(role, token.role)).map((token) => token.id);
  if (beyond.length === 0) return;
  await db.update(apiTokens).set({ revokedAt: new Date() }).where(inArray(apiTokens.id, beyond));
}

/** A signed-in user's own name (1 to 200 characters, one line). */
export async function renameSelf(db: Database, options: { userId: string; name: string }): Promise<UserRow> {
  const name = checkedName(options.name);
  const [updated] = await db.update(users).set({ name }).where(eq(users.id, options.userId)).returning();
  if (!updated) throw notFound('That user');
  return updated;
}
