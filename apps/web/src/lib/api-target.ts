/** Paths of the web origin that belong to the API; `src/proxy.ts` forwards them unchanged. */
export function isApiPath(pathname: string): boolean {
  return pathname === '/graphql' || pathname.startsWith('/images/');
}

/** The API URL a request to the web origin is forwarded to. `apiUrl` has no trailing slash. */
export function apiTarget(apiUrl: string, pathname: string, search: string): string {
  return `${apiUrl}${pathname}${search}`;
}
