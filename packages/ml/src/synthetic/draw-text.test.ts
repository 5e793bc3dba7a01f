import { describe, expect, it } from 'vitest';
import { GLYPH_HEIGHT, GLYPH_WIDTH, glyphCells, hasGlyph } from './bitmap-font';
import { drawText, fitText, textWidth } from './draw-text';

describe('bitmap font', () => {
  it('has a 5×7 glyph for every letter, digit and the symbols technologists type', () => {
    for (const character of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-/:%+()#=?') {
      expect(hasGlyph(character), character).toBe(true);
      const cells = glyphCells(character);
      expect(cells).toHaveLength(GLYPH_HEIGHT);
      for (const row of cells) expect(row).toHaveLength(GLYPH_WIDTH);
    }
  });

  it('draws lower case as upper case and unknown characters as ?', () => {
    expect(glyphCells('a')).toEqual(glyphCells('A'));
    expect(glyphCells('~')).toEqual(glyphCells('?'));
  });
});

describe('drawText', () => {
  it('burns the glyph cells at the given corner and scale', () => {
    const image = { width: 8, height: 9, pixels: new Uint8Array(72) };
    drawText(image, 'T', 1, 1, { scale: 1, value: 9 });
    const row = (y: number) => Array.from(image.pixels.slice(y * 8, y * 8 + 8)).join('');
    expect(row(0)).toBe('00000000');
    expect(row(1)).toBe('09999900');
    expect(row(2)).toBe('00090000');
    expect(row(7)).toBe('00090000');
    expect(row(8)).toBe('00000000');
  });

  it('clips at the image border', () => {
    const image = { width: 4, height: 4, pixels: new Uint8Array(16) };
    expect(() => drawText(image, 'W', -2, -3, { scale: 2, value: 1 })).not.toThrow();
    expect(image.pixels.some((value) => value === 1)).toBe(true);
  });

  it('measures and fits text', () => {
    expect(textWidth('AB', 1)).toBe(11);
    expect(textWidth('AB', 2)).toBe(22);
    expect(textWidth('', 1)).toBe(0);
    expect(fitText('LIVER', 11, 1)).toBe('LI');
    expect(fitText('LIVER', 100, 1)).toBe('LIVER');
  });
});
