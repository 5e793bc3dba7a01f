import { createHash, randomBytes } from 'node:crypto';
import { apiTokens, type Database, users } from '@loupe/db';
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import { AppError } from '../errors';
import { type Role, roleAllows } from './roles';

export const TOKEN_PREFIX = 'loupe_';

/** A browser session is an API token with this name and an expiry, carried in an HttpOnly cookie. */
export const WEB_SESSION_TOKEN_NAME = 'web session';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates an API token: the secret is returned once and only its hash is stored. */
export async function createApiToken(
  db: Database,
  options: { userId: string; name: string; role?: Role; expiresAt?: Date },
): Promise<{ id: string; token: string; role: Role }> {
  const [user] = await db.select().from(users).where(eq(users.id, options.userId));
  if (!user) throw new AppError('NOT_FOUND', 'That user does not exist.');
  const role = options.role ?? user.role;
  if (!roleAllows(user.role, role))
    throw new AppError('FORBIDDEN', `A ${user.role} cannot create a ${role} token.`);
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const [row] = await db
    .insert(apiTokens)
    .values({
      userId: user.id,
      name: options.name,
      role,
      tokenHash: hashToken(token),
      expiresAt: options.expiresAt,
    })
    .returning({ id: apiTokens.id });
  return { id: row!.id, token, role };
}

export type Viewer = { userId: string; email: string; name: string; role: Role; tokenId: string | null };

/**
 * The user behind a bearer token, or undefined when it is unknown, revoked, expired or its user disabled.
 * With `webSession`, only a token that signing in opened counts: a script's API token in a session cookie
 * does not sign a browser in.
 */
export async function findViewerByToken(
  db: Database,
  token: string,
  { webSession = false }: { webSession?: boolean } = {},
): Promise<Viewer | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const now = new Date();
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      role: apiTokens.role,
      userId: users.id,
      email: users.email,
      name: users.name,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, hashToken(token)),
        webSession ? eq(apiTokens.name, WEB_SESSION_TOKEN_NAME) : undefined,
        isNull(apiTokens.revokedAt),
        isNull(users.disabledAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    );
  return row;
}

/** The instance's first administrator, created on an empty instance. */
export async function ensureAdminUser(db: Database): Promise<string> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.role, 'ADMIN')).limit(1);
  if (existing) return existing.id;
  await db
    .insert(users)
    .values({ email: 'admin@localhost', name: 'Administrator', role: 'ADMIN' })
    .onConflictDoNothing();
  const [created] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'admin@localhost'));
  return created!.id;
}

export const LOCAL_CLI_TOKEN_NAME = 'local command line';

/**
 * A fresh admin token for the `loupe` command on this machine (earlier ones are revoked); the serve command
 * writes it to the data folder, readable by its owner only.
 */
export async function issueLocalCliToken(db: Database, adminId: string): Promise<string> {
  await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(apiTokens.userId, adminId),
        eq(apiTokens.name, LOCAL_CLI_TOKEN_NAME),
        isNull(apiTokens.revokedAt),
      ),
    );
  const { token } = await createApiToken(db, { userId: adminId, name: LOCAL_CLI_TOKEN_NAME, role: 'ADMIN' });
  return token;
}
