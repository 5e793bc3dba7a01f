import { describe, expect, it } from 'vitest';
import { escapeXml, linearScale, niceStep, roundOut, ticksOf } from './chart-scale';

describe('chart scales', () => {
  it('maps the domain onto the range, flipped when the range is', () => {
    const y = linearScale([0.2, 0.6], [400, 0]);
    expect(y(0.2)).toBe(400);
    expect(y(0.4)).toBeCloseTo(200, 9);
    expect(y.domain).toEqual([0.2, 0.6]);
  });

  it('picks 1-2-2.5-5 steps and their multiples', () => {
    expect(niceStep(1392, 8)).toBe(200);
    expect(niceStep(0.3, 6)).toBeCloseTo(0.05, 12);
    expect(niceStep(100, 8)).toBe(20);
    expect(ticksOf(0, 100, 20)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(ticksOf(0.25, 0.55, 0.1)).toEqual([0.3, 0.4, 0.5]);
    expect(roundOut(0.27, 0.51, 0.05)).toEqual([expect.closeTo(0.25, 12), expect.closeTo(0.55, 12)]);
  });

  it('escapes XML', () => {
    expect(escapeXml(`a<b & "c" 'd'>`)).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;');
  });
});
