/** The HttpOnly cookie that holds the web session the API opened at sign-in. */
export const SESSION_COOKIE = 'loupe_session';

/** Set by `src/proxy.ts` on page requests: the path and query string the browser asked for. */
export const RETURN_TO_HEADER = 'x-loupe-return-to';

export const SIGN_IN_PATH = '/sign-in';

/** Pages anyone may see signed out. */
export function isPublicPage(pathname: string): boolean {
  return pathname === SIGN_IN_PATH;
}

const base = 'http://loupe.invalid';

/**
 * Where to go after signing in: a path of this site, never another origin (`//evil.example`,
 * `https://…`, `javascript:`) and never the sign-in page itself; anything else gives the home page.
 */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value?.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return '/';
  }
  if (url.origin !== base || isPublicPage(url.pathname)) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page, remembering where to return afterwards. */
export function signInPath(returnTo: string): string {
  return `${SIGN_IN_PATH}?${new URLSearchParams({ next: safeReturnPath(returnTo) })}`;
}

/** A Cookie header carrying the session to the API (tokens are base64url: nothing to escape). */
export function sessionCookieHeader(token: string): string {
  return `${SESSION_COOKIE}=${token}`;
}
