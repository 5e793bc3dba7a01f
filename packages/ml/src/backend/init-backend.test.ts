import { describe, expect, it } from 'vitest';
import type { BackendCandidate } from './candidates';
import { candidatesFor, initBackend } from './init-backend';

const quiet = { log: () => {} };

function fake(name: BackendCandidate['name'], failure?: string): BackendCandidate {
  return {
    name,
    activate: async () => {
      if (failure) throw new Error(failure);
      return { simd: name === 'wasm', threads: 1 };
    },
  };
}

describe('candidatesFor', () => {
  it('starts at the preferred backend and keeps every worse one', () => {
    expect(candidatesFor('auto').map((c) => c.name)).toEqual(['node-gpu', 'node', 'wasm', 'cpu']);
    expect(candidatesFor('node').map((c) => c.name)).toEqual(['node', 'wasm', 'cpu']);
    expect(candidatesFor('cpu').map((c) => c.name)).toEqual(['cpu']);
  });
});

describe('initBackend', () => {
  it('falls back past missing optional packages and says why', async () => {
    const candidates = [
      fake('node-gpu', 'gpu package missing'),
      fake('node', 'node package missing'),
      fake('wasm'),
      fake('cpu'),
    ];
    const info = await initBackend('auto', { ...quiet, candidates });
    expect(info.name).toBe('wasm');
    expect(info.simd).toBe(true);
    expect(info.reason).toContain('gpu package missing');
    expect(info.reason).toContain('node package missing');
  });

  it('fails with every reason when nothing starts', async () => {
    const candidates = [fake('wasm', 'no wasm'), fake('cpu', 'no cpu')];
    await expect(initBackend('wasm', { ...quiet, candidates })).rejects.toThrow(/no wasm.*no cpu/);
  });

  it('activates the real WASM backend with SIMD when asked, and the CPU backend after it', async () => {
    const wasm = await initBackend('wasm', quiet);
    expect(wasm).toMatchObject({ name: 'wasm', tfjsVersion: '4.22.0', simd: true, threads: 1 });
    const cpu = await initBackend('cpu', quiet);
    expect(cpu.name).toBe('cpu');
  });

  it('never crashes when the native packages are absent', async () => {
    const info = await initBackend('gpu', quiet);
    expect(['node-gpu', 'node', 'wasm']).toContain(info.name);
    if (info.name === 'wasm') expect(info.reason).toMatch(/tfjs-node-gpu (is not installed|failed to load)/);
  });
});
