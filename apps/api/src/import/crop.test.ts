import { describe, expect, it } from 'vitest';
import { cropKey, parseCrop, validateCrop } from './crop';
import { ImportFileError } from './errors';

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof ImportFileError ? error.code : 'other';
  }
  return 'none';
};

describe('validateCrop', () => {
  it('accepts a box inside the image, edges included', () => {
    expect(validateCrop({ x: 0, y: 0, width: 640, height: 480 }, 640, 480)).toEqual({
      x: 0,
      y: 0,
      width: 640,
      height: 480,
    });
    expect(codeOf(() => validateCrop({ x: 639, y: 479, width: 1, height: 1 }, 640, 480))).toBe('none');
  });

  it('refuses boxes that reach outside, have no area or are not whole pixels', () => {
    const outside = [
      { x: 600, y: 0, width: 41, height: 10 },
      { x: 0, y: 400, width: 10, height: 81 },
      { x: 0, y: 0, width: 0, height: 10 },
      { x: 0, y: 0, width: 10, height: 0 },
      { x: -1, y: 0, width: 10, height: 10 },
      { x: 0.5, y: 0, width: 10, height: 10 },
    ];
    for (const crop of outside) expect(codeOf(() => validateCrop(crop, 640, 480))).toBe('CROP_OUT_OF_BOUNDS');
  });

  it('names the box and the image size in the message', () => {
    expect(() => validateCrop({ x: 600, y: 0, width: 41, height: 10 }, 640, 480)).toThrow(
      'Crop 600,0,41,10 (x,y,width,height) reaches outside the 640 × 480 image.',
    );
  });
});

describe('cropKey', () => {
  it('writes x,y,width,height or full', () => {
    expect(cropKey({ x: 10, y: 20, width: 300, height: 200 })).toBe('10,20,300,200');
    expect(cropKey(null)).toBe('full');
  });
});

describe('parseCrop', () => {
  it('reads x,y,width,height with optional spaces', () => {
    expect(parseCrop('10,20,300,200')).toEqual({ x: 10, y: 20, width: 300, height: 200 });
    expect(parseCrop(' 0 , 0 ,1, 1 ')).toEqual({ x: 0, y: 0, width: 1, height: 1 });
  });

  it('refuses other shapes, negatives, fractions and empty boxes', () => {
    for (const text of [
      '',
      '1,2,3',
      '1,2,3,4,5',
      '-1,0,10,10',
      '0,0,1.5,10',
      '0,0,0,10',
      '0,0,10,0',
      'a,b,c,d',
    ]) {
      expect([text, parseCrop(text)]).toEqual([text, null]);
    }
  });
});
