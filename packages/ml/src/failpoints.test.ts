import { describe, expect, it } from 'vitest';
import { FAILPOINTS, failpoint, isFailpointSet } from './failpoints';

describe('failpoints', () => {
  it('are set by name in a comma-separated list', () => {
    expect(isFailpointSet(FAILPOINTS.training, 'retrain:training')).toBe(true);
    expect(isFailpointSet(FAILPOINTS.writingVersion, ' retrain:training , retrain:writing-version')).toBe(
      true,
    );
    expect(isFailpointSet(FAILPOINTS.writingVersion, 'retrain:training')).toBe(false);
    expect(isFailpointSet(FAILPOINTS.training, 'retrain:train')).toBe(false);
    expect(isFailpointSet(FAILPOINTS.training, '')).toBe(false);
    expect(isFailpointSet(FAILPOINTS.training, undefined)).toBe(false);
  });

  it('return at once when not set', async () => {
    const before = process.env.LOUPE_FAILPOINTS;
    process.env.LOUPE_FAILPOINTS = 'retrain:training';
    try {
      await expect(failpoint(FAILPOINTS.writingVersion)).resolves.toBeUndefined();
    } finally {
      if (before === undefined) delete process.env.LOUPE_FAILPOINTS;
      else process.env.LOUPE_FAILPOINTS = before;
    }
  });
});
