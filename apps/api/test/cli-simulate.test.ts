import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDataset, writeDataset } from '@loupe/ml/synthetic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoupe } from './loupe-cli';

type Summary = {
  dataset: string;
  images: number;
  categories: string[];
  fullDataAccuracy: number;
  strategies: { strategy: string; curve: { labels: number; accuracy: number }[] }[];
};

const single = { LOUPE_EMBEDDING_WORKERS: '0', LOUPE_TF_BACKEND: 'wasm' };
// Category names whose order differs from the order the generator and the manifest bring them in.
const CATEGORIES = ['spleen', 'bladder', 'liver'] as const;

describe('loupe simulate (pglite, data folder)', () => {
  let tempDir: string;
  const dataDirs: string[] = [];

  beforeAll(async () => {
    tempDir = await mkdtemp(join(tmpdir(), 'loupe-cli-simulate-'));
    const folder = join(tempDir, 'images');
    const plan = generateDataset({
      seed: 9,
      studies: 16,
      imagesPerStudy: 3,
      categories: CATEGORIES,
      difficulty: 0.2,
    });
    const { manifestPath } = await writeDataset(folder, plan);
    // The same images imported twice, as on two installations: the ids drawn at import differ.
    for (const name of ['first', 'second']) {
      const dataDir = join(tempDir, name);
      const imported = await runLoupe(['import', folder, '--manifest', manifestPath, '--json'], dataDir);
      expect(imported.code, imported.stderr).toBe(0);
      dataDirs.push(dataDir);
    }
  }, 180_000);
  afterAll(async () => {
    await rm(tempDir, { recursive: true, force: true });
  });

  it('gives the same curves from the same images and labels on two installations, classes in name order', async () => {
    const args = ['simulate', '--strategies', 'MARGIN', '--seeds', '2', '--batch', '6', '--seed-size', '6'];
    const outputs: { summary: Summary; files: Record<string, string> }[] = [];
    for (const dataDir of dataDirs) {
      const out = join(dataDir, 'simulation');
      const run = await runLoupe([...args, '--json', '--out', out], dataDir, single);
      expect(run.code, run.stderr).toBe(0);
      const files: Record<string, string> = {};
      for (const name of await readdir(out)) files[name] = await readFile(join(out, name), 'utf8');
      outputs.push({ summary: JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Summary, files });
    }
    const [first, second] = outputs as [(typeof outputs)[0], (typeof outputs)[0]];
    expect(first.summary.images).toBe(48);
    expect(first.summary.categories).toEqual(['bladder', 'liver', 'spleen']);
    expect(first.summary.strategies.map((s) => s.strategy)).toEqual(['RANDOM', 'MARGIN']);
    expect(first.summary.strategies[0]!.curve.length).toBeGreaterThan(2);
    expect(first.summary.fullDataAccuracy).toBeGreaterThan(0);
    expect(Object.keys(first.files).sort()).toEqual([
      'curves.csv',
      'learning-curves.svg',
      'mean-curves.csv',
      'summary.json',
    ]);
    expect(second.summary).toEqual(first.summary);
    expect(second.files).toEqual(first.files);
  }, 240_000);

  it('refuses an unknown strategy and a bad flag, naming them', async () => {
    const unknown = await runLoupe(['simulate', '--strategies', 'RANDOM,CLAIRVOYANT'], dataDirs[0]!, single);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/CLAIRVOYANT/);
    const badSeeds = await runLoupe(['simulate', '--seeds', '0'], dataDirs[0]!, single);
    expect(badSeeds.code).not.toBe(0);
    expect(badSeeds.stderr).toMatch(/--seeds/);
  }, 120_000);
});
