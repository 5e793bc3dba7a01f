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
  experimental: {
    // The proxy holds a request body in memory up to this size and silently cuts it beyond (10 MB by
    // default). The import screen sends images in batches of about 8 MB, but a single image larger than
    // that goes alone: this lets one through at the API's default cap (LOUPE_MAX_UPLOAD_BYTES, 64 MiB) with
    // its manifest and the multipart framing. The browser holds back larger files (src/lib/import-batches.ts).
    proxyClientMaxBodySize: '80mb',
    // The API answers an import request once its images are stored, which can take longer than the 30 s
    // the proxy waits for an answer by default.
    proxyTimeout: 300_000,
  },
};

export default nextConfig;
