import type { LiveEndpoint } from '../env';

/** The WebSocket URL of the API's GraphQL endpoint as seen from a page at `location`. */
export function liveUrl(endpoint: LiveEndpoint, location: { hostname: string }): string {
  if (endpoint.url) return endpoint.url;
  const host = location.hostname.includes(':') ? `[${location.hostname}]` : location.hostname;
  return `${endpoint.secure ? 'wss' : 'ws'}://${host}:${endpoint.port}/graphql`;
}
