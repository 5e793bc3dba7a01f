import { type NextRequest, NextResponse } from 'next/server';
import { env } from './env';
import { apiTarget, isApiPath } from './lib/api-target';

/**
 * Forwards `/graphql` and `/images/*` to the API so the browser sees one origin. A proxy rather than
 * `rewrites` in next.config.ts: those are fixed at build time, this reads LOUPE_API_URL at start.
 */
export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  if (!isApiPath(pathname)) return NextResponse.next();
  return NextResponse.rewrite(apiTarget(env.apiUrl, pathname, search));
}

export const config = {
  matcher: ['/graphql', '/images/:path+'],
};
