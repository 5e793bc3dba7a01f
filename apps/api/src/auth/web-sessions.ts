import { apiTokens, type Database, users } from '@loupe/db';
import { and, eq, isNull } from 'drizzle-orm';
import { AppError } from '../errors';
import { createApiToken, hashToken, type Viewer, WEB_SESSION_TOKEN_NAME } from './api-tokens';
import { hashForUnknownUser, PASSWORD_MAX_LENGTH, verifyPassword } from './passwords';
import { createRateLimiter, type RateLimiter } from './rate-limit';
import { normalizeEmail } from './users';

export { WEB_SESSION_TOKEN_NAME };
export const WEB_SESSION_COOKIE = 'loupe_session';
export const WEB_SESSION_HOURS = 12;
export const SIGN_IN_LIMIT = { points: 10, windowMs: 15 * 60 * 1000 } as const;

export type SignInLimiters = { byEmail: RateLimiter; byIp: RateLimiter };

export function createSignInLimiters(): SignInLimiters {
  // Hash the stand-in password now, so the first unknown email does not take twice as long as the rest.
  void hashForUnknownUser();
  return { byEmail: createRateLimiter(SIGN_IN_LIMIT), byIp: createRateLimiter(SIGN_IN_LIMIT) };
}

const wrongCredentials = () => new AppError('UNAUTHENTICATED', 'The email or password is wrong.');

/**
 * Checks an email and password and opens a web session. A wrong password, an unknown email, a disabled user
 * and a user without a password all give the same error after the same work (one scrypt hash).
 */
export async function signIn(
  db: Database,
  options: { email: string; password: string; clientIp: string; limiters: SignInLimiters },
): Promise<{ viewer: Viewer; token: string; expiresAt: Date }> {
  const email = normalizeEmail(options.email);
  const { byEmail, byIp } = options.limiters;
  // Only failed attempts count, so many people signing in from one address (an office) are never held up.
  if (byEmail.isExhausted(email) || byIp.isExhausted(options.clientIp))
    throw new AppError(
      'RATE_LIMITED',
      `Too many sign-in attempts; try again in ${SIGN_IN_LIMIT.windowMs / 60_000} minutes.`,
    );
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const usable = user?.passwordHash && user.disabledAt === null ? user : undefined;
  const matches = await verifyPassword(
    options.password.slice(0, PASSWORD_MAX_LENGTH + 1),
    usable?.passwordHash ?? (await hashForUnknownUser()),
  );
  if (!usable || !matches) {
    byEmail.consume(email);
    byIp.consume(options.clientIp);
    throw wrongCredentials();
  }
  byEmail.reset(email);
  const expiresAt = new Date(Date.now() + WEB_SESSION_HOURS * 3600 * 1000);
  const { id, token, role } = await createApiToken(db, {
    userId: usable.id,
    name: WEB_SESSION_TOKEN_NAME,
    expiresAt,
  });
  return {
    viewer: { userId: usable.id, email: usable.email, name: usable.name, role, tokenId: id },
    token,
    expiresAt,
  };
}

/** Revokes the web session behind a cookie's token (a no-op for an unknown or already revoked one). */
export async function signOut(db: Database, sessionToken: string): Promise<void> {
  await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(apiTokens.tokenHash, hashToken(sessionToken)),
        eq(apiTokens.name, WEB_SESSION_TOKEN_NAME),
        isNull(apiTokens.revokedAt),
      ),
    );
}
