import { apiTokens, type Database } from '@loupe/db';
import { and, desc, eq, gt, isNull, or, type SQL } from 'drizzle-orm';
import { AppError, badInput, notFound } from '../errors';
import { createApiToken, LOCAL_CLI_TOKEN_NAME, type Viewer } from './api-tokens';
import { type Role, roleAllows, roleCan } from './roles';
import { WEB_SESSION_TOKEN_NAME } from './web-sessions';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

const RESERVED_NAMES = [WEB_SESSION_TOKEN_NAME, LOCAL_CLI_TOKEN_NAME];

/**
 * A new token for the viewer. Its role is at most the role this request acts with, so a narrow token cannot
 * mint a wider one.
 */
export async function issueApiToken(
  db: Database,
  viewer: Viewer,
  options: { name: string; role?: Role | null; expiresAt?: string | null },
): Promise<{ row: ApiTokenRow; secret: string }> {
  const name = options.name.trim();
  if (!name || name.length > 100) throw badInput('A token name needs 1 to 100 characters.');
  if (RESERVED_NAMES.includes(name.toLowerCase())) throw badInput(`"${name}" is a name Loupe uses itself.`);
  const role = options.role ?? viewer.role;
  if (!roleAllows(viewer.role, role))
    throw new AppError('FORBIDDEN', `A ${viewer.role} request cannot create a ${role} token.`);
  const expiresAt = options.expiresAt ? new Date(options.expiresAt) : undefined;
  if (expiresAt && Number.isNaN(expiresAt.getTime()))
    throw badInput(`"${options.expiresAt}" is not an ISO 8601 date and time.`);
  if (expiresAt && expiresAt.getTime() <= Date.now()) throw badInput('expiresAt must lie in the future.');
  const { id, token } = await createApiToken(db, { userId: viewer.userId, name, role, expiresAt });
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
  return { row: row!, secret: token };
}

/** The viewer's tokens (an admin's: anyone's, or one user's), newest first, without their secrets. */
export async function listApiTokens(
  db: Database,
  viewer: Viewer,
  options: { userId?: string; includeInactive?: boolean },
): Promise<ApiTokenRow[]> {
  const isAdmin = roleCan(viewer.role, 'admin');
  if (options.userId && options.userId !== viewer.userId && !isAdmin)
    throw new AppError('FORBIDDEN', "Only an admin may list another user's tokens.");
  const conditions: SQL[] = [];
  const owner = options.userId ?? (isAdmin ? undefined : viewer.userId);
  if (owner) conditions.push(eq(apiTokens.userId, owner));
  if (!options.includeInactive)
    conditions.push(
      isNull(apiTokens.revokedAt),
      or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, new Date()))!,
    );
  return db
    .select()
    .from(apiTokens)
    .where(and(...conditions))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/** Revokes one of the viewer's tokens (an admin: anyone's); revoking a revoked token changes nothing. */
export async function revokeApiToken(db: Database, viewer: Viewer, tokenId: string): Promise<ApiTokenRow> {
  const [token] = await db.select().from(apiTokens).where(eq(apiTokens.id, tokenId));
  if (!token) throw notFound('That API token');
  if (token.userId !== viewer.userId && !roleCan(viewer.role, 'admin'))
    throw new AppError('FORBIDDEN', "Only an admin may revoke another user's token.");
  if (token.revokedAt) return token;
  const [revoked] = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(eq(apiTokens.id, token.id))
    .returning();
  return revoked!;
}

/** Whether the viewer may see a token (its owner or an admin). */
export function canSeeApiToken(viewer: Viewer, token: ApiTokenRow): boolean {
  return token.userId === viewer.userId || roleCan(viewer.role, 'admin');
}
