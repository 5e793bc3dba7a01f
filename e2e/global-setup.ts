import { startStack } from './support/stack';

/**
 * Starts the stack once for all tests and hands its address to them through LOUPE_E2E_BASE_URL (and its
 * data folder through LOUPE_E2E_DATA_DIR); the returned function stops it. With LOUPE_E2E_BASE_URL already
 * set, the tests use that stack instead.
 */
export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.LOUPE_E2E_BASE_URL) return undefined;
  const stack = await startStack();
  process.env.LOUPE_E2E_BASE_URL = stack.webUrl;
  process.env.LOUPE_E2E_API_URL = stack.apiUrl;
  process.env.LOUPE_E2E_DATA_DIR = stack.dataDir;
  return stack.stop;
}
