import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './client';
import { DataDirLockedError, isDataDirLocked } from './data-dir-lock';

describe('embedded data folder', () => {
  it('has exactly one owning process and reopens after close', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'loupe-data-'));
    const first = await openDatabase({ dataDir });
    expect(await isDataDirLocked(dataDir)).toBe(true);
    await expect(openDatabase({ dataDir })).rejects.toBeInstanceOf(DataDirLockedError);
    await first.close();
    expect(await isDataDirLocked(dataDir)).toBe(false);
    const second = await openDatabase({ dataDir });
    const { rows } = await second.executeSql('select count(*)::int as n from datasets');
    expect(rows[0]?.n).toBe(0);
    await second.close();
  }, 60_000);
});
