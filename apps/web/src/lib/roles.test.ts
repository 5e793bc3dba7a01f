import { describe, expect, it } from 'vitest';
import { canCurate } from './roles';

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
