import { describe, expect, it } from 'vitest';
import { bucketLabel, timeOf } from './time';

describe('time buckets', () => {
  it('labels days and hours in UTC', () => {
    expect(bucketLabel('2026-01-02T00:00:00Z', 'DAY')).toBe('Jan 2');
    expect(bucketLabel('2026-12-31T09:00:00Z', 'HOUR')).toBe('Dec 31 09:00');
    expect(bucketLabel('not a date', 'DAY')).toBe('not a date');
  });

  it('reads ISO dates as milliseconds', () => {
    expect(timeOf('1970-01-01T00:00:01Z')).toBe(1000);
    expect(timeOf('nope')).toBeNaN();
  });
});
