import { type NextRequest, NextResponse } from 'next/server';
import { env } from './env';
import { apiTarget, isApiPath } from './lib/api-target';
import { isPublicPage, RETURN_TO_HEADER, SESSION_COOKIE, signInPath } from './lib/session';

/**
 * Forwards `/graphql` and `/images/*` to the API so the browser sees one origin (cookies included). A proxy
 * rather than `rewrites` in next.config.ts: those are fixed at build time, this reads LOUPE_API_URL at start.
 * Sends a browser without a session cookie to the sign-in page; whether the session is still valid is for
 * the API to say (see `queryApi`).
 */
export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  if (isApiPath(pathname)) return NextResponse.rewrite(apiTarget(env.apiUrl, pathname, search));
  if (isPublicPage(pathname)) return NextResponse.next();
  const returnTo = `${pathname}${search}`;
  if (!request.cookies.get(SESSION_COOKIE)?.value) {
    return NextResponse.redirect(new URL(signInPath(returnTo), request.nextUrl));
  }
  // Overwrites any value the browser sent: pages read it to come back here after signing in again.
  const headers = new Headers(request.headers);
  headers.set(RETURN_TO_HEADER, returnTo);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Every path but the build's static files and the app icon.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg).*)'],
};
