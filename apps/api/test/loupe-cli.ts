import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Running `bin/loupe.mjs` as a user would, on an embedded database in a data folder. */
export const apiRoot = fileURLToPath(new URL('..', import.meta.url));
export const loupeBin = join(apiRoot, 'bin/loupe.mjs');

export type Run = { code: number | null; stdout: string; stderr: string };

/** The environment of a `loupe` process on the embedded database in `dataDir`, whatever this process has set. */
export function loupeEnv(dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(
    ([key]) => key !== 'DATABASE_URL' && !key.startsWith('LOUPE_'),
  );
  return {
    ...Object.fromEntries(inherited),
    LOUPE_DATA_DIR: dataDir,
    LOUPE_DEMO_IMAGES: '0',
    LOUPE_LOG_LEVEL: 'silent',
    ...extra,
  };
}

export function startLoupe(args: string[], dataDir: string, extra: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, [loupeBin, ...args], {
    cwd: apiRoot,
    env: loupeEnv(dataDir, extra),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function runLoupe(args: string[], dataDir: string, extra: NodeJS.ProcessEnv = {}): Promise<Run> {
  const child = startLoupe(args, dataDir, extra);
  const run: Run = { code: null, stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ ...run, code }));
  });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves with the JSON line `loupe serve --json` prints once serving; rejects if the process exits first. */
export function readyLine(child: ChildProcess): Promise<{ graphql: string; database: string }> {
  let buffered = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered
        .split('\n')
        .slice(0, -1)
        .find((candidate) => candidate.startsWith('{') && candidate.includes('"graphql"'));
      if (line) resolve(JSON.parse(line) as { graphql: string; database: string });
    });
    child.once('exit', (code) => reject(new Error(`loupe serve exited with ${code}: ${stderr}`)));
  });
}

/** Stops a `loupe serve` child and waits for it to exit (killing it if it has not within 15 s). */
export async function stopLoupe(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
