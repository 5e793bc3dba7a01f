import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { intersectionOverUnion } from '@loupe/ml';
import { type DatasetPlan, generateDataset, writeDataset } from '@loupe/ml/synthetic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudyOutcome } from '../src/cli/commands/crop-studies';
import { freePort, readyLine, runLoupe, startLoupe, stopLoupe } from './loupe-cli';

type Report = { set: number; wouldSet: number; kept: number; studies: StudyOutcome[] };

describe('loupe crop-studies (pglite, data folder)', () => {
  let tempDir: string;
  let dataDir: string;
  let plan: DatasetPlan;
  let server: ChildProcess | undefined;

  const crop = async (...flags: string[]) => {
    const run = await runLoupe(['crop-studies', 'scans', '--json', ...flags], dataDir);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as Report;
  };

  beforeAll(async () => {
    tempDir = await mkdtemp(join(tmpdir(), 'loupe-cli-crop-'));
    dataDir = join(tempDir, 'data');
    const folder = join(tempDir, 'synthetic');
    plan = generateDataset({ seed: 5, studies: 3, imagesPerStudy: 2, width: 400, height: 300 });
    await writeDataset(folder, plan);
    // Without the manifest (which carries crop boxes): each folder a study, no box anywhere.
    const imported = await runLoupe(['import', folder, '--dataset', 'scans', '--json'], dataDir);
    expect(imported.code, imported.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await stopLoupe(server);
    await rm(tempDir, { recursive: true, force: true });
  });

  it('saves nothing on a dry run, sets each study’s suggested box, then keeps it unless asked to replace it', async () => {
    const dry = await crop('--dry-run');
    expect(dry).toMatchObject({ set: 0, wouldSet: 3, kept: 0 });
    for (const study of plan.studies) {
      const entry = dry.studies.find((candidate) => candidate.study === study.key);
      expect(entry?.outcome).toBe('WOULD_SET');
      expect(intersectionOverUnion(entry!.box!, study.images[0]!.sector)).toBeGreaterThan(0.9);
    }
    const set = await crop();
    expect(set).toMatchObject({ set: 3, wouldSet: 0, kept: 0 });
    expect(set.studies.map((entry) => entry.box)).toEqual(dry.studies.map((entry) => entry.box));
    expect(await crop()).toMatchObject({ set: 0, kept: 3 });
    expect(await crop('--replace')).toMatchObject({ set: 3, kept: 0 });

    const text = await runLoupe(['crop-studies', 'scans', '--dry-run', '--replace'], dataDir);
    expect(text.stdout).toContain('would be set (dry run)');
    expect(text.stdout).toContain('3 studies of "scans": 0 set, 3 would be set, 0 kept, 0 left alone.');
  }, 240_000);

  it('names an unknown dataset with exit code 2', async () => {
    const run = await runLoupe(['crop-studies', 'nope'], dataDir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"nope"');
  }, 60_000);

  it('asks the running app that owns the data folder', async () => {
    const port = await freePort();
    server = startLoupe(['serve', '--port', String(port), '--json'], dataDir);
    await readyLine(server);
    expect(await crop()).toMatchObject({ set: 0, kept: 3 });
    expect(await crop('--replace', '--dry-run')).toMatchObject({ wouldSet: 3 });
  }, 240_000);
});
