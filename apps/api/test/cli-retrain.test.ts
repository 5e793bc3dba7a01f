import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDataset, writeDataset } from '@loupe/ml/synthetic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, readyLine, runLoupe, startLoupe, stopLoupe } from './loupe-cli';

type Trained = {
  modelVersion: number | null;
  metrics?: { accuracy: number | null; top2Accuracy: number | null };
};

const single = { LOUPE_EMBEDDING_WORKERS: '0', LOUPE_TF_BACKEND: 'wasm' };

describe('loupe retrain --wait (pglite, data folder)', () => {
  let tempDir: string;
  let dataDir: string;
  let server: ChildProcess | undefined;

  beforeAll(async () => {
    tempDir = await mkdtemp(join(tmpdir(), 'loupe-cli-retrain-'));
    dataDir = join(tempDir, 'data');
    const folder = join(tempDir, 'images');
    const plan = generateDataset({
      seed: 5,
      studies: 12,
      imagesPerStudy: 3,
      categories: ['liver', 'bladder', 'spleen'],
      difficulty: 0.2,
    });
    const { manifestPath } = await writeDataset(folder, plan);
    const imported = await runLoupe(['import', folder, '--manifest', manifestPath, '--json'], dataDir);
    expect(imported.code, imported.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await stopLoupe(server);
    await rm(tempDir, { recursive: true, force: true });
  });

  it('trains in the command itself when no app runs, and prints the version and its metrics', async () => {
    const run = await runLoupe(['retrain', '--wait', '--json'], dataDir, single);
    expect(run.code, run.stderr).toBe(0);
    const trained = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Trained;
    expect(trained.modelVersion).toBe(1);
    expect(trained.metrics?.accuracy).toBeGreaterThanOrEqual(0);
    expect(trained.metrics?.top2Accuracy).toBeGreaterThanOrEqual(trained.metrics!.accuracy!);
  }, 240_000);

  it('asks the running app to train and follows its jobs', async () => {
    server = startLoupe(['serve', '--json', '--port', String(await freePort())], dataDir, single);
    await readyLine(server);
    const run = await runLoupe(['retrain', '--wait', '--json'], dataDir);
    expect(run.code, run.stderr).toBe(0);
    const trained = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Trained;
    expect(trained.modelVersion).toBeGreaterThanOrEqual(2);
    expect(trained.metrics?.accuracy).toBeGreaterThanOrEqual(0);
  }, 240_000);

  it('names an unknown dataset', async () => {
    const run = await runLoupe(['retrain', '--dataset', 'nope', '--wait', '--json'], dataDir);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/nope/);
  }, 120_000);
});
