import { describe, expect, it } from 'vitest';
import { formatCount } from './format';

describe('formatCount', () => {
  it('uses the singular for one only', () => {
    expect(formatCount(1, 'study', 'studies')).toBe('1 study');
    expect(formatCount(0, 'study', 'studies')).toBe('0 studies');
    expect(formatCount(1875, 'image')).toBe('1,875 images');
  });
});
