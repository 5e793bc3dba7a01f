import type { NextConfig } from 'next';

// `/graphql` and `/images/*` reach the API through `src/proxy.ts`, not `rewrites`: rewrites are frozen
// into the build's routes manifest, while the proxy reads LOUPE_API_URL when the server starts, so one
// build can point at any API.
const nextConfig: NextConfig = {
  // A second build folder lets two builds (say, two end-to-end runs) live side by side.
  distDir: process.env.LOUPE_WEB_DIST_DIR || '.next',
  poweredByHeader: false,
  // `npm run typecheck` (tsc) checks the types, in CI before any build; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
};

export default nextConfig;
