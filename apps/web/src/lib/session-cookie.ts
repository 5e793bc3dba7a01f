import { NextResponse } from 'next/server';
import { SESSION_COOKIE } from './session';

export type ResponseCookie = NonNullable<ReturnType<NextResponse['cookies']['get']>>;

/**
 * The session cookie an API response sets, with its attributes (expiry, HttpOnly, SameSite), so the web
 * origin can set the same cookie on the browser. NextResponse parses Set-Cookie headers; its parser is reused.
 */
export function sessionCookieFrom(headers: Headers | undefined): ResponseCookie | undefined {
  if (!headers) return undefined;
  const cookie = new NextResponse(null, { headers }).cookies.get(SESSION_COOKIE);
  return cookie?.value ? cookie : undefined;
}
