import { type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { users } from '@loupe/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../src/app-context';
import { verifyPassword } from '../src/auth/passwords';
import { loadSettings } from '../src/env';
import { runLoupe, startLoupe, stopLoupe } from './loupe-cli';

/** The stored user and whether the printed password signs them in, read straight from the data folder. */
async function storedUser(dataDir: string, email: string, password: string) {
  const app = await createAppContext(
    loadSettings({}, { dataDir, blobDir: join(dataDir, 'blobs'), logLevel: 'silent' }),
  );
  try {
    const [user] = await app.database.db.select().from(users).where(eq(users.email, email));
    return (
      user && {
        role: user.role,
        name: user.name,
        matches: await verifyPassword(password, user.passwordHash!),
      }
    );
  } finally {
    await app.close();
  }
}

describe('loupe user add (pglite, data folder)', () => {
  let tempDir: string;
  let dataDir: string;
  let server: ChildProcess | undefined;
  beforeAll(async () => {
    tempDir = await mkdtemp(join(tmpdir(), 'loupe-cli-user-'));
    dataDir = join(tempDir, 'data');
  });
  afterAll(async () => {
    await stopLoupe(server);
    await rm(tempDir, { recursive: true, force: true });
  });

  it('creates a user in the data folder and prints a generated password that signs in', async () => {
    const run = await runLoupe(
      ['user', 'add', 'ann@example.org', '--role', 'annotator', '--name', 'Ann', '--json'],
      dataDir,
    );
    expect(run.code, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout.trim()) as { email: string; role: string; password: string };
    expect(printed).toMatchObject({ email: 'ann@example.org', role: 'ANNOTATOR' });
    expect(printed.password).toMatch(/^[\w-]{24}$/);
    expect(await storedUser(dataDir, 'ann@example.org', printed.password)).toEqual({
      role: 'ANNOTATOR',
      name: 'Ann',
      matches: true,
    });
  }, 60_000);

  it('refuses an unknown role and a taken email with exit code 2, creating no one', async () => {
    const badRole = await runLoupe(['user', 'add', 'bob@example.org', '--role', 'boss'], dataDir);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(/--role must be one of ADMIN, DATA_SCIENTIST, ANNOTATOR, READER/);
    const taken = await runLoupe(['user', 'add', 'ANN@example.org', '--role', 'reader'], dataDir);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toMatch(/already exists/);
    expect(await storedUser(dataDir, 'bob@example.org', 'x')).toBeUndefined();
    expect((await storedUser(dataDir, 'ann@example.org', 'x'))?.role).toBe('ANNOTATOR');
  }, 60_000);

  it('asks the running app that owns the data folder to create the user', async () => {
    server = startLoupe(['serve', '--port', '0', '--json'], dataDir);
    await new Promise<void>((resolve, reject) => {
      server!.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('"graphql"') && resolve());
      server!.once('exit', (code) => reject(new Error(`loupe serve exited with ${code}`)));
    });
    const run = await runLoupe(
      ['user', 'add', 'sci@example.org', '--role', 'DATA_SCIENTIST', '--json'],
      dataDir,
    );
    expect(run.code, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout.trim()) as { email: string; role: string; password: string };
    expect(printed).toMatchObject({ email: 'sci@example.org', role: 'DATA_SCIENTIST' });
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
    expect(await storedUser(dataDir, 'sci@example.org', printed.password)).toEqual({
      role: 'DATA_SCIENTIST',
      name: 'sci',
      matches: true,
    });
  }, 120_000);
});
