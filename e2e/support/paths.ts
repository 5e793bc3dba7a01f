import { fileURLToPath } from 'node:url';

/** The monorepo root. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const webDir = fileURLToPath(new URL('../../apps/web/', import.meta.url));
/** Screenshots and service logs; ignored by git. LOUPE_E2E_ARTIFACTS_DIR puts them elsewhere. */
export const artifactsDir = process.env.LOUPE_E2E_ARTIFACTS_DIR
  ? `${process.env.LOUPE_E2E_ARTIFACTS_DIR.replace(/\/+$/, '')}/`
  : fileURLToPath(new URL('../artifacts/', import.meta.url));

export function artifactPath(name: string): string {
  return `${artifactsDir}${name}`;
}
