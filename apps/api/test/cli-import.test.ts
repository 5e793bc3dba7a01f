import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDataset, writeDataset } from '@loupe/ml/synthetic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../src/app-context';
import { loadSettings } from '../src/env';
import type { ImportReport } from '../src/operations/import-folder';
import { makePng, writeFiles } from './image-fixtures';

const apiRoot = fileURLToPath(new URL('..', import.meta.url));
const loupeBin = join(apiRoot, 'bin/loupe.mjs');

type Run = { code: number | null; stdout: string; stderr: string };

/** The environment of a `loupe` process on the embedded database in `dataDir`, whatever this process has set. */
function loupeEnv(dataDir: string): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(
    ([key]) => key !== 'DATABASE_URL' && !key.startsWith('LOUPE_'),
  );
  return {
    ...Object.fromEntries(inherited),
    LOUPE_DATA_DIR: dataDir,
    LOUPE_DEMO_IMAGES: '0',
    LOUPE_LOG_LEVEL: 'silent',
  };
}

function startLoupe(args: string[], dataDir: string): ChildProcess {
  return spawn(process.execPath, [loupeBin, ...args], {
    cwd: apiRoot,
    env: loupeEnv(dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function runLoupe(args: string[], dataDir: string): Promise<Run> {
  const child = startLoupe(args, dataDir);
  const run: Run = { code: null, stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ ...run, code }));
  });
}

const reportOf = (run: Run): ImportReport =>
  JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '') as ImportReport;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves with the JSON line `loupe serve --json` prints once serving; rejects if the process exits first. */
function readyLine(child: ChildProcess): Promise<{ graphql: string; database: string }> {
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

describe('the loupe command (pglite, data folder)', () => {
  let tempDir: string;
  let dataDir: string;
  let folder: string;
  let server: ChildProcess | undefined;
  beforeAll(async () => {
    tempDir = await mkdtemp(join(tmpdir(), 'loupe-cli-test-'));
    dataDir = join(tempDir, 'data');
    folder = join(tempDir, 'synthetic');
    await writeDataset(
      folder,
      generateDataset({ seed: 5, studies: 2, imagesPerStudy: 3, width: 128, height: 96 }),
    );
  });
  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGTERM');
      const timer = setTimeout(() => server?.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(tempDir, { recursive: true, force: true });
  });

  it('imports a manifest and prints a JSON report; the second run imports nothing', async () => {
    const manifest = join(folder, 'manifest.csv');
    const first = await runLoupe(
      ['import', folder, '--manifest', manifest, '--dataset', 'cli', '--json'],
      dataDir,
    );
    expect(first.code, first.stderr).toBe(0);
    expect(reportOf(first)).toMatchObject({
      datasetName: 'cli',
      files: 6,
      imported: 6,
      alreadyPresent: 0,
      failed: 0,
    });
    const second = await runLoupe(
      ['import', folder, '--manifest', manifest, '--dataset', 'cli', '--json'],
      dataDir,
    );
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('"imported":0');
    expect(reportOf(second)).toMatchObject({ imported: 0, alreadyPresent: 6, failed: 0 });
  });

  it('hands the import to the running app that owns the data folder, and exits 1 when a file failed', async () => {
    const port = await freePort();
    server = startLoupe(['serve', '--port', String(port), '--json'], dataDir);
    const ready = await readyLine(server);
    expect(ready).toMatchObject({ graphql: `http://127.0.0.1:${port}/graphql`, database: 'pglite' });
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ ok: true });

    const manifest = await readFile(join(folder, 'manifest.csv'), 'utf8');
    await writeFiles(folder, {
      'extra/new.png': await makePng(81),
      'extra/broken.png': 'not an image',
      'manifest-more.csv': `${manifest}extra/new.png,extra,,,\nextra/broken.png,extra,,,\n`,
    });
    const run = await runLoupe(
      ['import', folder, '--manifest', join(folder, 'manifest-more.csv'), '--dataset', 'cli', '--json'],
      dataDir,
    );
    expect(run.code, run.stderr).toBe(1);
    // The running app holds the images of the earlier, direct runs: the same database.
    expect(reportOf(run)).toMatchObject({
      imported: 1,
      alreadyPresent: 6,
      failed: 1,
      failures: [{ file: 'extra/broken.png', code: 'NOT_AN_IMAGE' }],
    });

    const direct = createAppContext(loadSettings({ LOUPE_DATA_DIR: dataDir, LOUPE_LOG_LEVEL: 'silent' }));
    await expect(direct).rejects.toMatchObject({ code: 'DATA_DIR_LOCKED' });
  }, 240_000);
});
