import { describe, expect, it } from 'vitest';
import { canCurate, canLabel } from './roles';

describe('canCurate', () => {
  it('lets annotators, data scientists and admins curate, not readers or no one', () => {
    expect(canCurate('ANNOTATOR')).toBe(true);
    expect(canCurate('DATA_SCIENTIST')).toBe(true);
    expect(canCurate('ADMIN')).toBe(true);
    expect(canCurate('READER')).toBe(false);
    expect(canCurate(null)).toBe(false);
    expect(canCurate(undefined)).toBe(false);
  });
});

describe('canLabel', () => {
  it('lets annotators, data scientists and admins label, not readers or no one', () => {
    expect(canLabel('ANNOTATOR')).toBe(true);
    expect(canLabel('DATA_SCIENTIST')).toBe(true);
    expect(canLabel('ADMIN')).toBe(true);
    expect(canLabel('READER')).toBe(false);
    expect(canLabel(null)).toBe(false);
  });
});
