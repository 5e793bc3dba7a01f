import { describe, expect, it } from 'vitest';
import { GLYPH_HEIGHT } from './bitmap-font';
import { SyntheticError } from './errors';
import { frameLayout, sectorBox } from './sector';

describe('sectorBox', () => {
  it('bounds the fan between its radii and angles', () => {
    const box = sectorBox({
      apexX: 100,
      apexY: 0,
      innerRadius: 20,
      outerRadius: 100,
      halfAngle: Math.PI / 6,
    });
    expect(box).toEqual({ x: 50, y: 17, width: 100, height: 83 });
  });
});

describe('frameLayout', () => {
  const fan = { halfAngle: 0.6, displayScale: 1 };

  it.each([
    [320, 256],
    [256, 256],
    [640, 512],
    [200, 400],
  ])('keeps the fan between the header and the footer in a %i×%i frame', (width, height) => {
    const { box, headerY, footerY, fontScale } = frameLayout(width, height, fan);
    expect(box.x).toBeGreaterThan(0);
    expect(box.x + box.width).toBeLessThan(width - 6 * fontScale);
    expect(box.y).toBeGreaterThan(headerY + GLYPH_HEIGHT * fontScale);
    expect(box.y + box.height).toBeLessThan(footerY);
    expect(footerY + GLYPH_HEIGHT * fontScale).toBeLessThanOrEqual(height);
  });

  it('scales the font with the frame', () => {
    expect(frameLayout(320, 256, fan).fontScale).toBe(1);
    expect(frameLayout(640, 512, fan).fontScale).toBe(2);
  });

  it('refuses frames too small to hold a fan', () => {
    expect(() => frameLayout(32, 256, fan)).toThrow(SyntheticError);
    expect(() => frameLayout(100.5, 256, fan)).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
  });
});
