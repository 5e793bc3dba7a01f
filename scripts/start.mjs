#!/usr/bin/env node
// `npm start`: builds the web app when its sources changed, starts the API and the web app together,
// waits until both answer, prints the URLs, and stops both on Ctrl-C.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildWebIfStale } from './web-build.mjs';

const root = resolve(import.meta.dirname, '..');
const webDir = join(root, 'apps/web');
const apiPort = Number(process.env.LOUPE_API_PORT || 4000);
const webPort = Number(process.env.LOUPE_WEB_PORT || 3000);
// Where `loupe serve` (run from the repository root) keeps its data, and the first administrator's password.
const adminPasswordFile = resolve(root, process.env.LOUPE_DATA_DIR || '.loupe', 'admin-password');
const started = Date.now();
const children = [];

function run(name, command, args, options) {
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], detached: true, ...options });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${name} stopped (${signal ?? `exit code ${code}`}); stopping Loupe.`);
    stop(code ?? 1);
  });
  return child;
}

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
  }
  setTimeout(() => process.exit(code), 1500).unref();
  Promise.all(
    children.map(
      (child) => new Promise((done) => (child.exitCode !== null ? done() : child.on('exit', done))),
    ),
  ).then(() => process.exit(code));
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function waitFor(url, what) {
  for (;;) {
    if (stopping) return;
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {}
    await new Promise((done) => setTimeout(done, 500));
    if (Date.now() - started > 10 * 60_000) throw new Error(`${what} did not answer at ${url}`);
  }
}

run('The API', process.execPath, [join(root, 'apps/api/bin/loupe.mjs'), 'serve', '--port', String(apiPort)], {
  cwd: root,
});
try {
  buildWebIfStale();
} catch (error) {
  console.error(error.message);
  stop(1);
}
if (!stopping) {
  run(
    'The web app',
    process.execPath,
    [join(root, 'node_modules/next/dist/bin/next'), 'start', '-p', String(webPort)],
    {
      cwd: webDir,
      env: { ...process.env, LOUPE_API_URL: `http://127.0.0.1:${apiPort}`, NEXT_TELEMETRY_DISABLED: '1' },
    },
  );
  await Promise.all([
    waitFor(`http://127.0.0.1:${apiPort}/healthz`, 'The API'),
    waitFor(`http://127.0.0.1:${webPort}/`, 'The web app'),
  ]);
  if (!stopping) {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`\nLoupe is running (ready in ${seconds} s):`);
    console.log(`  web      http://localhost:${webPort}`);
    console.log(`  GraphQL  http://localhost:${apiPort}/graphql`);
    if (existsSync(adminPasswordFile))
      console.log(`  sign in  admin@localhost, with the password in ${adminPasswordFile}`);
    console.log('Press Ctrl-C to stop.\n');
  }
}
