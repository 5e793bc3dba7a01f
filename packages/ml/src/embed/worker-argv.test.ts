import { describe, expect, it } from 'vitest';
import { workerExecArgv } from './worker-argv';

describe('workerExecArgv', () => {
  it('drops the flags that load tsx and keeps the others', () => {
    const parent = [
      '--require',
      '/repo/node_modules/tsx/dist/preflight.cjs',
      '--import',
      'file:///repo/node_modules/tsx/dist/loader.mjs',
      '--max-old-space-size=4096',
      '--import=tsx',
      '--import',
      './telemetry.mjs',
    ];
    expect(workerExecArgv(parent)).toEqual(['--max-old-space-size=4096', '--import', './telemetry.mjs']);
  });

  it('keeps an empty list empty', () => {
    expect(workerExecArgv([])).toEqual([]);
  });
});
