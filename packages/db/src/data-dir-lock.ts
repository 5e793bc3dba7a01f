import lockfile from 'proper-lockfile';

export type DataDirLock = { release: () => Promise<void> };

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
  constructor(readonly dataDir: string) {
    super(`The data folder ${dataDir} is in use by another Loupe process (it owns the embedded database).`);
  }
}

/**
 * A PGlite data folder has exactly one owning process. The lock is refreshed while the process lives
 * and goes stale shortly after it dies, so a crash does not leave the folder locked for good.
 */
export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  try {
    const release = await lockfile.lock(dataDir, {
      lockfilePath: `${dataDir}/owner.lock`,
      stale: 10_000,
      update: 2_000,
      retries: 0,
      realpath: false,
      onCompromised: (error) => {
        console.error(`Lost the lock on ${dataDir}: ${error.message}`);
      },
    });
    return { release: () => release().catch(() => undefined) };
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') throw new DataDirLockedError(dataDir);
    throw error;
  }
}

/** Whether another live process owns the data folder. */
export async function isDataDirLocked(dataDir: string): Promise<boolean> {
  return lockfile.check(dataDir, { lockfilePath: `${dataDir}/owner.lock`, stale: 10_000, realpath: false });
}
