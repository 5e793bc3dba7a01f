import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount } from './format';

describe('formatCount', () => {
  it('uses the singular for one only', () => {
    expect(formatCount(1, 'study', 'studies')).toBe('1 study');
    expect(formatCount(0, 'study', 'studies')).toBe('0 studies');
    expect(formatCount(1875, 'image')).toBe('1,875 images');
  });
});

describe('formatBytes', () => {
  it('counts bytes below a kibibyte and uses binary units above', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1023)).toBe('1,023 bytes');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(8 * 1024 * 1024)).toBe('8.0 MiB');
    expect(formatBytes(64 * 1024 * 1024)).toBe('64 MiB');
    expect(formatBytes(3 * 1024 ** 4)).toBe('3,072 GiB');
  });
});
