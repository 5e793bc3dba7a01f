import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { AppContext } from '../app-context';
import { findViewerByToken, type Viewer } from './api-tokens';
import { type SignInLimiters, WEB_SESSION_COOKIE } from './web-sessions';

/** What a resolver may do with the HTTP exchange it runs in: read the caller's address, set the session cookie. */
export type HttpExchange = {
  clientIp: string;
  /** The web session token from the cookie, when the request carried one. */
  sessionToken: string | undefined;
  signInLimiters: SignInLimiters;
  setSessionCookie: (token: string, expiresAt: Date) => void;
  clearSessionCookie: () => void;
};

/** The value of one cookie in a Cookie header (values are our base64url tokens: no quoting or escapes). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
}

/** The viewer behind a request's bearer token or session cookie; undefined when neither signs anyone in. */
export async function findRequestViewer(app: AppContext, req: Request): Promise<Viewer | undefined> {
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (bearer) return findViewerByToken(app.database.db, bearer);
  const session = readCookie(req.headers.cookie, WEB_SESSION_COOKIE);
  return session ? findViewerByToken(app.database.db, session, { webSession: true }) : undefined;
}

const unauthenticated = () =>
  new GraphQLError('The API token is unknown, revoked or expired.', {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });

/**
 * Who sends a request: a bearer token wins over the session cookie. A bad bearer token is a 401; a stale
 * cookie is dropped (so a browser can still sign in again) and the request runs signed out.
 */
export async function resolveRequestViewer(
  app: AppContext,
  req: Request,
  res: Response,
  signInLimiters: SignInLimiters,
): Promise<{ viewer: Viewer | undefined; http: HttpExchange }> {
  const { db } = app.database;
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  let sessionToken = readCookie(req.headers.cookie, WEB_SESSION_COOKIE);
  let viewer: Viewer | undefined;
  if (bearer) {
    viewer = await findViewerByToken(db, bearer);
    if (!viewer) throw unauthenticated();
  } else if (sessionToken) {
    viewer = await findViewerByToken(db, sessionToken, { webSession: true });
    if (!viewer) {
      res.clearCookie(WEB_SESSION_COOKIE, { path: '/' });
      sessionToken = undefined;
    }
  }
  const cookieOptions = { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' } as const;
  return {
    viewer,
    http: {
      clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
      sessionToken,
      signInLimiters,
      setSessionCookie: (token, expiresAt) =>
        void res.cookie(WEB_SESSION_COOKIE, token, { ...cookieOptions, expires: expiresAt }),
      clearSessionCookie: () => void res.clearCookie(WEB_SESSION_COOKIE, cookieOptions),
    },
  };
}
