import { execFile } from 'node:child_process';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../loupe-cli';

const run = promisify(execFile);
const BINARIES_ROOT = '/usr/lib/postgresql';

export type PrivatePostgres = {
  url: string;
  port: number;
  /** Stops the server the hard way: no checkpoint, as a power cut or a killed container leaves it. */
  kill: () => Promise<void>;
  start: () => Promise<void>;
  /** Stops the server and removes its folder. */
  destroy: () => Promise<void>;
};

/** The newest installed PostgreSQL's bin folder; a clear error (not a skip) when there is none. */
async function binaries(): Promise<string> {
  const versions = await readdir(BINARIES_ROOT).catch(() => [] as string[]);
  const newest = versions.filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a))[0];
  if (!newest)
    throw new Error(
      `PostgreSQL server binaries (initdb, pg_ctl) were not found under ${BINARIES_ROOT}: install the ` +
        'postgresql package to run the database-restart tests.',
    );
  return join(BINARIES_ROOT, newest, 'bin');
}

/**
 * A PostgreSQL server of its own, in a temporary folder on a free port, that a test may stop and start at
 * will (the shared server must never be restarted). initdb refuses to run as root, so as root the cluster
 * belongs to the postgres user.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = await binaries();
  const folder = await mkdtemp(join(tmpdir(), 'loupe-private-pg-'));
  const dataDir = join(folder, 'data');
  const isRoot = process.getuid?.() === 0;
  if (isRoot) await chown(folder, ...(await postgresIds()));
  const as = (command: string, args: string[]) =>
    isRoot
      ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args])
      : run(join(bin, command), args);
  await as('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=on`;
  const start = async () => {
    await as('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(folder, 'server.log'), '-w', 'start']);
  };
  const stop = (mode: 'immediate' | 'fast') => as('pg_ctl', ['-D', dataDir, '-m', mode, '-w', 'stop']);
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    kill: async () => {
      await stop('immediate');
    },
    start,
    destroy: async () => {
      await stop('immediate').catch(() => undefined);
      await rm(folder, { recursive: true, force: true });
    },
  };
}

async function postgresIds(): Promise<[number, number]> {
  const { stdout } = await run('id', ['-u', 'postgres']);
  const { stdout: group } = await run('id', ['-g', 'postgres']);
  return [Number(stdout.trim()), Number(group.trim())];
}
