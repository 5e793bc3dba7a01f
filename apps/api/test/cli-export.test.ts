import { type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assignSplit } from '@loupe/ml';
import { generateDataset, writeDataset } from '@loupe/ml/synthetic';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, readyLine, runLoupe, startLoupe, stopLoupe } from './loupe-cli';

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
    await stopLoupe(server);
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
    await readyLine(server);
    const run = await runLoupe(['export', 'cli', '--format', 'json'], dataDir);
    expect(run.code, run.stderr).toBe(0);
    expectRowsOfManifest(JSON.parse(run.stdout) as Record<string, unknown>[]);
  }, 240_000);
});
