import { describe, expect, it } from 'vitest';
import { boxFromDrag, fitBox, isBoxInside, moveBox, nudgeBox, resizeBox, sameBox } from './crop-box';

const image = { width: 200, height: 100 };

describe('crop box geometry', () => {
  it('draws a box from a drag in any direction, clamped to the image', () => {
    expect(boxFromDrag({ x: 150, y: 80 }, { x: 10.4, y: 20.6 }, image)).toEqual({
      x: 10,
      y: 21,
      width: 140,
      height: 59,
    });
    expect(boxFromDrag({ x: -20, y: -5 }, { x: 500, y: 500 }, image)).toEqual({
      x: 0,
      y: 0,
      width: 200,
      height: 100,
    });
  });

  it('ignores a click or a tiny drag', () => {
    expect(boxFromDrag({ x: 10, y: 10 }, { x: 12, y: 40 }, image)).toBeNull();
  });

  it('moves a box but stops at the edges without shrinking it', () => {
    const box = { x: 10, y: 10, width: 50, height: 40 };
    expect(moveBox(box, 5, -3, image)).toEqual({ x: 15, y: 7, width: 50, height: 40 });
    expect(moveBox(box, 1000, 1000, image)).toEqual({ x: 150, y: 60, width: 50, height: 40 });
    expect(moveBox(box, -1000, 0, image)).toEqual({ x: 0, y: 10, width: 50, height: 40 });
  });

  it('resizes from a handle and never turns inside out', () => {
    const box = { x: 10, y: 10, width: 50, height: 40 };
    expect(resizeBox(box, 'se', 20, 10, image)).toEqual({ x: 10, y: 10, width: 70, height: 50 });
    expect(resizeBox(box, 'nw', -20, -20, image)).toEqual({ x: 0, y: 0, width: 60, height: 50 });
    expect(resizeBox(box, 'w', 100, 0, image)).toEqual({ x: 56, y: 10, width: 4, height: 40 });
    expect(resizeBox(box, 'e', 1000, 0, image)).toEqual({ x: 10, y: 10, width: 190, height: 40 });
  });

  it('nudges with the arrow keys, ten pixels with Shift, resizes with Alt', () => {
    const box = { x: 10, y: 10, width: 50, height: 40 };
    expect(nudgeBox(box, 'ArrowRight', { shift: false, alt: false }, image)).toEqual({ ...box, x: 11 });
    expect(nudgeBox(box, 'ArrowUp', { shift: true, alt: false }, image)).toEqual({ ...box, y: 0 });
    expect(nudgeBox(box, 'ArrowDown', { shift: true, alt: true }, image)).toEqual({ ...box, height: 50 });
    expect(nudgeBox(box, 'Enter', { shift: false, alt: false }, image)).toBeNull();
  });

  it('says which boxes the API accepts', () => {
    expect(isBoxInside({ x: 0, y: 0, width: 200, height: 100 }, image)).toBe(true);
    expect(isBoxInside({ x: 1, y: 0, width: 200, height: 100 }, image)).toBe(false);
    expect(isBoxInside({ x: 0.5, y: 0, width: 20, height: 10 }, image)).toBe(false);
    expect(fitBox({ x: -4, y: 90, width: 300, height: 30 }, image)).toEqual({
      x: 0,
      y: 70,
      width: 200,
      height: 30,
    });
  });

  it('compares boxes by value', () => {
    expect(sameBox(null, null)).toBe(true);
    expect(sameBox({ x: 1, y: 2, width: 3, height: 4 }, null)).toBe(false);
    expect(sameBox({ x: 1, y: 2, width: 3, height: 4 }, { x: 1, y: 2, width: 3, height: 4 })).toBe(true);
  });
});
