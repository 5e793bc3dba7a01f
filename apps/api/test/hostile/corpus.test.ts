import { describe, expect, it } from 'vitest';
import { countByKind, HOSTILE_KINDS } from './case-types';
import { HOSTILE_CASES } from './corpus';

describe('the hostile-input corpus', () => {
  it('has cases of every kind, each name once', () => {
    expect(countByKind(HOSTILE_CASES).map((row) => row.kind)).toEqual([...HOSTILE_KINDS]);
    const names = HOSTILE_CASES.map((entry) => `${entry.kind}: ${entry.name}`);
    expect(new Set(names).size).toBe(names.length);
  });
});
