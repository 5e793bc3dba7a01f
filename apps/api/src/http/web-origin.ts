/** The hostname of a URL or `host[:port]`, lower-cased; undefined when it does not parse. */
function hostnameOf(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a browser page from `origin` may open a WebSocket that the session cookie signs in (the guard
 * against cross-site WebSocket hijacking: browsers send the cookie whichever site opens the socket). Allowed:
 * a page on the host name the request was sent to (any port: the web app and the API share a host), or one
 * of the configured web origins. A request without an Origin header is refused.
 */
export function isAllowedWebOrigin(
  headers: { origin?: string | undefined; host?: string | undefined },
  webOrigins: readonly string[],
): boolean {
  if (!headers.origin || !headers.host) return false;
  let origin: URL;
  try {
    origin = new URL(headers.origin);
  } catch {
    return false;
  }
  if (origin.protocol !== 'http:' && origin.protocol !== 'https:') return false;
  if (webOrigins.includes(origin.origin)) return true;
  return origin.hostname === hostnameOf(`http://${headers.host}`);
}
