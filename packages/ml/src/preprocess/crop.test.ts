import { describe, expect, it } from 'vitest';
import { clipCrop, geometryFor, intersectionOverUnion } from './crop';

describe('geometryFor', () => {
  it('follows the paper: 256 × 256, then a centred 224 crop', () => {
    expect(geometryFor(224)).toEqual({ resizeTo: 256, offset: 16, inputSize: 224 });
  });

  it('keeps the 256/224 margin for larger inputs and never shrinks below 256', () => {
    expect(geometryFor(299)).toEqual({ resizeTo: 342, offset: 21, inputSize: 299 });
    expect(geometryFor(16)).toEqual({ resizeTo: 256, offset: 120, inputSize: 16 });
  });
});

describe('clipCrop', () => {
  it('rounds to whole pixels', () => {
    expect(clipCrop({ x: 10.4, y: 19.6, width: 50.2, height: 30 }, 100, 100)).toEqual({
      x: 10,
      y: 20,
      width: 51,
      height: 30,
    });
  });

  it('clips a box that runs past the image edges', () => {
    expect(clipCrop({ x: -5, y: 90, width: 20, height: 50 }, 100, 120)).toEqual({
      x: 0,
      y: 90,
      width: 15,
      height: 30,
    });
  });

  it('returns null for a box outside the image or without area', () => {
    expect(clipCrop({ x: 200, y: 0, width: 20, height: 20 }, 100, 100)).toBeNull();
    expect(clipCrop({ x: 10, y: 10, width: 0, height: 20 }, 100, 100)).toBeNull();
  });
});

describe('intersectionOverUnion', () => {
  it('is the shared area over the covered area', () => {
    const box = { x: 0, y: 0, width: 10, height: 10 };
    expect(intersectionOverUnion(box, box)).toBe(1);
    // 5 × 10 shared of 100 + 100 − 50 covered
    expect(intersectionOverUnion(box, { x: 5, y: 0, width: 10, height: 10 })).toBeCloseTo(50 / 150, 12);
    // a 2 × 2 box inside: 4 of 100
    expect(intersectionOverUnion(box, { x: 3, y: 3, width: 2, height: 2 })).toBeCloseTo(0.04, 12);
    expect(intersectionOverUnion(box, { x: 10, y: 0, width: 5, height: 5 })).toBe(0);
  });
});
