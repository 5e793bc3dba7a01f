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

  it('reads the web origins allowed to open a subscription with the session cookie', () => {
    expect(loadSettings({}).webOrigins).toEqual([]);
    expect(
      loadSettings({ LOUPE_WEB_ORIGINS: 'https://Loupe.Example.org:443/, http://10.0.0.5:3000' }).webOrigins,
    ).toEqual(['https://loupe.example.org', 'http://10.0.0.5:3000']);
    for (const bad of ['loupe.example.org', 'https://a.org/path', 'ftp://a.org', 'https://a.org, *'])
      expect(() => loadSettings({ LOUPE_WEB_ORIGINS: bad }), bad).toThrow(/LOUPE_WEB_ORIGINS/);
  });

  it('reads server mode from DATABASE_URL', () => {
    expect(loadSettings({ DATABASE_URL: 'postgres://postgres@127.0.0.1/test' }).databaseUrl).toBe(
      'postgres://postgres@127.0.0.1/test',
    );
  });
});
