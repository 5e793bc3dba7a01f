import { users } from '@loupe/db';
import { and, asc, count, eq, gt, or } from 'drizzle-orm';
import type { Viewer } from '../auth/api-tokens';
import { canSeeUser, type Role, requireCapability } from '../auth/roles';
import { changeOwnPassword, createUser, renameSelf, type UserRow, updateUser } from '../auth/users';
import { signIn, signOut } from '../auth/web-sessions';
import { AppError } from '../errors';
import { forgetImageRouteViewers } from '../http/image-routes';
import type { GraphQLContext } from './context';
import { idOf, toGlobalId } from './global-id';
import { decodeCursor, pageSize, toConnection } from './pagination';

export const userTypeDefs = /* GraphQL */ `
  "What a user (or a token) may do: ADMIN everything; DATA_SCIENTIST read, label, curate, train; ANNOTATOR read, label, curate; READER nothing yet."
  enum Role {
    ADMIN
    DATA_SCIENTIST
    ANNOTATOR
    READER
  }

  "A person who signs in to Loupe or owns API tokens."
  type User implements Node {
    id: ID!
    email: String!
    name: String!
    role: Role!
    isDisabled: Boolean!
    "Whether the user can sign in with a password (API tokens work without one)."
    hasPassword: Boolean!
    createdAt: String!
  }

  type UserConnection {
    edges: [UserEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type UserEdge {
    cursor: String!
    node: User!
  }

  "Who is asking: the user, and the role this request acts with (a token may hold less than its user)."
  type Viewer {
    user: User!
    role: Role!
  }

  extend type Query {
    "The signed-in viewer."
    me: Viewer!
    "Every user, by email (admins only)."
    users(first: Int = 50, after: String): UserConnection!
  }

  extend type Mutation {
    "Create a user who signs in with this email and password (at least 12 characters). Admins only."
    createUser(email: String!, name: String!, role: Role!, password: String!): User!
    """
    Change a user's role, name or email, disable (or re-enable) them, or set a new password (at least 12
    characters). Tokens beyond the new role are revoked, all of a disabled user's tokens, and a new password ends
    the user's web sessions (their API tokens stay). An email another user has is a CONFLICT. Admins only.
    """
    updateUser(id: ID!, role: Role, disabled: Boolean, password: String, name: String, email: String): User!
    "Change the name you are shown by (1 to 200 characters, one line)."
    updateMyName(name: String!): User!
    """
    Change your own password: the current one, then a new one of at least 12 characters. Your other web sessions
    end; this one and your API tokens stay. A wrong current password is BAD_INPUT and counts as a failed sign-in.
    """
    changePassword(currentPassword: String!, newPassword: String!): Boolean!
    "Open a web session: sets an HttpOnly cookie valid for 12 hours."
    signIn(email: String!, password: String!): Viewer!
    "End the web session of this browser."
    signOut: Boolean!
  }
`;

/**
 * The user behind an author id as this viewer may see them: null without an author, or when the viewer may not
 * see that user (see canSeeUser). Users are read in one batch per request.
 */
export async function visibleUser(ctx: GraphQLContext, userId: string | null): Promise<UserRow | null> {
  if (!userId || !canSeeUser(ctx.viewer, userId)) return null;
  return (await ctx.loaders.user.load(userId)) ?? null;
}

const toViewerResult = (viewer: Viewer) => ({ userId: viewer.userId, role: viewer.role });

export const userResolvers = {
  Query: {
    me: (_: unknown, __: unknown, ctx: GraphQLContext) => {
      if (!ctx.viewer) throw new AppError('UNAUTHENTICATED', 'Sign in or send an API token.');
      return toViewerResult(ctx.viewer);
    },
    users: async (_: unknown, args: { first?: number; after?: string }, ctx: GraphQLContext) => {
      requireCapability(ctx.viewer, 'admin');
      const size = pageSize(args.first, 50);
      const after = decodeCursor(args.after);
      const { db } = ctx.app.database;
      const rows = await db
        .select()
        .from(users)
        .where(
          after
            ? or(gt(users.email, after.sort), and(eq(users.email, after.sort), gt(users.id, after.id)))
            : undefined,
        )
        .orderBy(asc(users.email), asc(users.id))
        .limit(size + 1);
      const [total] = await db.select({ n: count() }).from(users);
      return toConnection(
        rows,
        size,
        total?.n ?? 0,
        (row) => ({ sort: row.email, id: row.id }),
        (row) => row,
      );
    },
  },
  Mutation: {
    createUser: (
      _: unknown,
      args: { email: string; name: string; role: Role; password: string },
      ctx: GraphQLContext,
    ) => {
      requireCapability(ctx.viewer, 'admin');
      return createUser(ctx.app.database.db, args);
    },
    updateUser: async (
      _: unknown,
      args: {
        id: string;
        role?: Role | null;
        disabled?: boolean | null;
        password?: string | null;
        name?: string | null;
        email?: string | null;
      },
      ctx: GraphQLContext,
    ) => {
      requireCapability(ctx.viewer, 'admin');
      const updated = await updateUser(ctx.app.database.db, {
        userId: idOf('User', args.id),
        role: args.role,
        disabled: args.disabled,
        password: args.password,
        name: args.name,
        email: args.email,
      });
      forgetImageRouteViewers(ctx.app);
      ctx.loaders.user.clear(updated.id).prime(updated.id, updated);
      return updated;
    },
    updateMyName: async (_: unknown, args: { name: string }, ctx: GraphQLContext) => {
      if (!ctx.viewer) throw new AppError('UNAUTHENTICATED', 'Sign in or send an API token.');
      const updated = await renameSelf(ctx.app.database.db, { userId: ctx.viewer.userId, name: args.name });
      forgetImageRouteViewers(ctx.app);
      ctx.loaders.user.clear(updated.id).prime(updated.id, updated);
      return updated;
    },
    changePassword: async (
      _: unknown,
      args: { currentPassword: string; newPassword: string },
      ctx: GraphQLContext,
    ) => {
      if (!ctx.viewer) throw new AppError('UNAUTHENTICATED', 'Sign in or send an API token.');
      await changeOwnPassword(ctx.app.database.db, {
        userId: ctx.viewer.userId,
        currentPassword: args.currentPassword,
        newPassword: args.newPassword,
        keepTokenId: ctx.viewer.tokenId,
        limiter: ctx.http?.signInLimiters.byEmail,
      });
      forgetImageRouteViewers(ctx.app);
      return true;
    },
    signIn: async (_: unknown, args: { email: string; password: string }, ctx: GraphQLContext) => {
      if (!ctx.http) throw new AppError('BAD_INPUT', 'Sign in over HTTP.');
      const session = await signIn(ctx.app.database.db, {
        ...args,
        clientIp: ctx.http.clientIp,
        limiters: ctx.http.signInLimiters,
      });
      ctx.http.setSessionCookie(session.token, session.expiresAt);
      return toViewerResult(session.viewer);
    },
    signOut: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
      if (ctx.http?.sessionToken) await signOut(ctx.app.database.db, ctx.http.sessionToken);
      forgetImageRouteViewers(ctx.app);
      ctx.http?.clearSessionCookie();
      return true;
    },
  },
  Viewer: {
    user: (viewer: { userId: string }, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.user.load(viewer.userId),
  },
  User: {
    id: (user: UserRow) => toGlobalId('User', user.id),
    isDisabled: (user: UserRow) => user.disabledAt !== null,
    hasPassword: (user: UserRow) => user.passwordHash !== null,
    createdAt: (user: UserRow) => user.createdAt.toISOString(),
  },
};
