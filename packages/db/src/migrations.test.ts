import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from './client';

describe('committed migrations', () => {
  it('match the Drizzle schema (run `npm run db:generate -w @loupe/db` after a schema change)', async () => {
    const copy = await mkdtemp(join(tmpdir(), 'loupe-migrations-'));
    await cp(migrationsFolder, copy, { recursive: true });
    const before = await readdir(copy);
    execFileSync(
      'npx',
      [
        'drizzle-kit',
        'generate',
        '--dialect',
        'postgresql',
        '--schema',
        './src/schema/index.ts',
        '--out',
        copy,
      ],
      { cwd: join(migrationsFolder, '..'), stdio: 'pipe' },
    );
    expect(await readdir(copy)).toEqual(before);
  });
});
