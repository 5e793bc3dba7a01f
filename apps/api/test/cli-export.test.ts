import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assignSplit } from '@loupe/ml';
import { generateDataset, writeDataset } from '@loupe/ml/synthetic';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const apiRoot = fileURLToPath(new URL('..', import.meta.url));
const loupeBin = join(apiRoot, 'bin/loupe.mjs');

type Run = { code: number | null; stdout: string; stderr: string };

function startLoupe(args: string[], dataDir: string): ChildProcess {
  const inherited = Object.entries(process.env).filter(
    ([key]) => key !== 'DATABASE_URL' && !key.startsWith('LOUPE_'),
  );
  return spawn(process.execPath, [loupeBin, ...args], {
    cwd: apiRoot,
    env: {
      ...Object.fromEntries(inherited),
      LOUPE_DATA_DIR: dataDir,
      LOUPE_DEMO_IMAGES: '0',
      LOUPE_LOG_LEVEL: 'silent',
    },
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

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves once `loupe serve --json` prints its ready line; rejects if the process exits first. */
function serving(child: ChildProcess): Promise<void> {
  let buffered = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      if (buffered.split('\n').some((line) => line.startsWith('{') && line.includes('"graphql"'))) resolve();
    });
    child.once('exit', (code) => reject(new Error(`loupe serve exited with ${code}`)));
  });
}

type ManifestRow = { file: string; study: string; label: string };

describe('loupe export (pglite, data folder)', () => {
  let tempDir: string;
  let dataDir: string;
  let manifest: ManifestRow[];
  let server: ChildProcess | undefined;

  const expectRowsOfManifest = (rows: Record<string, unknown>[]) => {
    expect(rows).toHaveLength(manifest.length);
    for (const entry of manifest) {
      const row = rows.find(
        (candidate) =>
          candidate.source_file_name === entry.file.split('/').at(-1) && candidate.study_key === entry.study,
      );
      expect(row, entry.file).toMatchObject({
        split: assignSplit(entry.study),
        label: entry.label,
        label_source: 'IMPORT',
      });
      expect(String(row?.sha256)).toMatch(/^[0-9a-f]{64}$/);
    }
  };

  beforeAll(async () => {
    tempDir = await mkdtemp(join(tmpdir(), 'loupe-cli-export-'));
    dataDir = join(tempDir, 'data');
    const folder = join(tempDir, 'synthetic');
    await writeDataset(
      folder,
      generateDataset({ seed: 11, studies: 4, imagesPerStudy: 2, categories: ['liver', 'spleen'] }),
    );
    manifest = parse(await readFile(join(folder, 'manifest.csv'), 'utf8'), {
      columns: true,
    }) as ManifestRow[];
    const imported = await runLoupe(
      ['import', folder, '--manifest', join(folder, 'manifest.csv'), '--dataset', 'cli', '--json'],
      dataDir,
    );
    expect(imported.code, imported.stderr).toBe(0);
  }, 120_000);
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

  it('writes CSV to a file and JSON to standard output, one row per image', async () => {
    const out = join(tempDir, 'cli.csv');
    const csvRun = await runLoupe(['export', 'cli', '--format', 'csv', '--out', out], dataDir);
    expect(csvRun.code, csvRun.stderr).toBe(0);
    expect(csvRun.stdout).toContain(`Wrote ${manifest.length} rows`);
    const csvRows = parse(await readFile(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expectRowsOfManifest(csvRows);

    const jsonRun = await runLoupe(['export', 'cli', '--format', 'json'], dataDir);
    expect(jsonRun.code, jsonRun.stderr).toBe(0);
    const jsonRows = JSON.parse(jsonRun.stdout) as Record<string, unknown>[];
    expectRowsOfManifest(jsonRows);
    expect(jsonRows.map((row) => row.image_id)).toEqual(csvRows.map((row) => row.image_id));
  }, 120_000);

  it('refuses an unknown dataset or format with exit code 2 and writes nothing', async () => {
    const out = join(tempDir, 'none.csv');
    const unknown = await runLoupe(['export', 'nope', '--out', out], dataDir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"nope"');
    const badFormat = await runLoupe(['export', 'cli', '--format', 'xml', '--out', out], dataDir);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('--format');
    await expect(readFile(out)).rejects.toMatchObject({ code: 'ENOENT' });
  }, 120_000);

  it('asks the running app that owns the data folder', async () => {
    const port = await freePort();
    server = startLoupe(['serve', '--port', String(port), '--json'], dataDir);
    await serving(server);
    const run = await runLoupe(['export', 'cli', '--format', 'json'], dataDir);
    expect(run.code, run.stderr).toBe(0);
    expectRowsOfManifest(JSON.parse(run.stdout) as Record<string, unknown>[]);
  }, 240_000);
});
