import { describe, expect, it } from 'vitest';
import { loadSettings, SettingsError } from './env';

describe('settings', () => {
  it('has defaults for an embedded instance', () => {
    const settings = loadSettings({});
    expect(settings.databaseUrl).toBeUndefined();
    expect(settings.apiPort).toBe(4000);
    expect(settings.webPort).toBe(3000);
    expect(settings.dataDir.endsWith('.loupe')).toBe(true);
    expect(settings.blobDir).toBe(`${settings.dataDir}/blobs`);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadSettings({ LOUPE_API_PORT: 'eighty' })).toThrow(SettingsError);
    expect(() => loadSettings({ LOUPE_API_PORT: '70000' })).toThrow(/LOUPE_API_PORT/);
    expect(() => loadSettings({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('reads server mode from DATABASE_URL', () => {
    expect(loadSettings({ DATABASE_URL: 'postgres://postgres@127.0.0.1/test' }).databaseUrl).toBe(
      'postgres://postgres@127.0.0.1/test',
    );
  });
});
