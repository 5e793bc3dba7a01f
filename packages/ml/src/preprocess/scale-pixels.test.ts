import { describe, expect, it } from 'vitest';
import { greyToScaledRgb } from './scale-pixels';

describe('greyToScaledRgb', () => {
  const grey = new Uint8Array([0, 51, 255]);

  it('maps to [0,1] and repeats each value over three channels', () => {
    const rgb = Array.from(greyToScaledRgb(grey, '[0,1]'));
    expect(rgb).toEqual([0, 0, 0, 0.2, 0.2, 0.2, 1, 1, 1].map((v) => expect.closeTo(v, 6)));
  });

  it('maps to [-1,1]', () => {
    const rgb = Array.from(greyToScaledRgb(grey, '[-1,1]'));
    expect(rgb).toEqual([-1, -1, -1, -0.6, -0.6, -0.6, 1, 1, 1].map((v) => expect.closeTo(v, 6)));
  });
});
