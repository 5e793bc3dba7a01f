// Builds the web app when its sources (or the lock file) changed since the last build; shared by `npm start`
// and the end-to-end tests so neither runs against a stale build.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const webDir = join(root, 'apps/web');

function sourceHash() {
  const hash = createHash('sha256');
  const walk = (path) => {
    for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      if (
        ['node_modules', '.turbo', 'next-env.d.ts'].includes(entry.name) ||
        entry.name.startsWith('.next') ||
        entry.name.endsWith('.tsbuildinfo')
      )
        continue;
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(full).update(readFileSync(full));
    }
  };
  walk(webDir);
  hash.update(readFileSync(join(root, 'package-lock.json')));
  hash.update(readFileSync(join(root, 'apps/api/schema.graphql')));
  return hash.digest('hex');
}

export function buildWebIfStale() {
  // LOUPE_WEB_DIST_DIR is read by next.config.ts too: the build and `next start` share it.
  const stampFile = join(webDir, process.env.LOUPE_WEB_DIST_DIR || '.next', 'loupe-build-stamp');
  const hash = sourceHash();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) return false;
  console.log('Building the web app (first start or changed sources)…');
  const result = spawnSync('npm', ['run', 'build', '-w', '@loupe/web'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error('The web app failed to build.');
  writeFileSync(stampFile, hash);
  return true;
}
