import { describe, expect, it } from 'vitest';
import { labelsToReach } from './labels-to-reach';

const curve = [
  { labels: 20, accuracy: 0.5 },
  { labels: 40, accuracy: 0.7 },
  { labels: 60, accuracy: 0.9 },
  { labels: 80, accuracy: 0.85 },
];

describe('labelsToReach', () => {
  it('interpolates between the rounds around the first crossing', () => {
    expect(labelsToReach(curve, 0.8)).toBeCloseTo(50, 9);
    expect(labelsToReach(curve, 0.6)).toBeCloseTo(30, 9);
  });

  it('gives the round itself on an exact hit and the first round when it already reaches the target', () => {
    expect(labelsToReach(curve, 0.7)).toBe(40);
    expect(labelsToReach(curve, 0.4)).toBe(20);
  });

  it('is null when the curve never reaches the target, or is empty', () => {
    expect(labelsToReach(curve, 0.95)).toBeNull();
    expect(labelsToReach([], 0.1)).toBeNull();
  });

  it('takes the first crossing even when the curve dips again later', () => {
    expect(labelsToReach(curve, 0.85)).toBeCloseTo(55, 9);
  });
});
