import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where a running app tells the `loupe` command how to reach it: its URL and an admin token (owner-only files). */
export type ServerFile = { url: string; pid: number };

const serverFile = (dataDir: string) => join(dataDir, 'server.json');
const tokenFile = (dataDir: string) => join(dataDir, 'admin-token');

export async function publishServer(dataDir: string, url: string, token: string): Promise<void> {
  await writeFile(tokenFile(dataDir), token, { mode: 0o600 });
  await writeFile(serverFile(dataDir), JSON.stringify({ url, pid: process.pid } satisfies ServerFile), {
    mode: 0o600,
  });
}

export async function unpublishServer(dataDir: string): Promise<void> {
  await rm(serverFile(dataDir), { force: true });
  await rm(tokenFile(dataDir), { force: true });
}

export async function findRunningServer(
  dataDir: string,
): Promise<{ url: string; token: string } | undefined> {
  try {
    const server = JSON.parse(await readFile(serverFile(dataDir), 'utf8')) as ServerFile;
    const token = (await readFile(tokenFile(dataDir), 'utf8')).trim();
    return { url: server.url, token };
  } catch {
    return undefined;
  }
}
