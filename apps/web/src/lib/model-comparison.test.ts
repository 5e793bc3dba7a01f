import { describe, expect, it } from 'vitest';
import { comparisonVerdict } from './model-comparison';

const base = { firstVersion: 3, secondVersion: 5, imageCount: 120 };

describe('comparisonVerdict', () => {
  it('names the more accurate version when McNemar’s test says so', () => {
    expect(
      comparisonVerdict({ ...base, onlyFirstCorrect: 2, onlySecondCorrect: 14, mcnemarPValue: 0.0042 }),
    ).toBe(
      'v5 is more accurate on these images: v5 alone is right on 14 images, v3 alone on 2 images (McNemar p = 0.004).',
    );
    expect(
      comparisonVerdict({ ...base, onlyFirstCorrect: 14, onlySecondCorrect: 1, mcnemarPValue: 0.0009 }),
    ).toMatch(
      /^v3 is more accurate on these images: v5 alone is right on 1 image, v3 alone on 14 images \(McNemar p < 0\.001\)\.$/,
    );
  });

  it('claims no difference the test does not support', () => {
    expect(
      comparisonVerdict({ ...base, onlyFirstCorrect: 4, onlySecondCorrect: 7, mcnemarPValue: 0.55 }),
    ).toBe(
      'No clear difference in accuracy: v5 alone is right on 7 images, v3 alone on 4 images (McNemar p = 0.550), which chance alone could explain.',
    );
    expect(
      comparisonVerdict({ ...base, onlyFirstCorrect: 4, onlySecondCorrect: 7, mcnemarPValue: 0.05 }),
    ).toMatch(/^No clear difference/);
  });

  it('says when the versions agree on every image, or share none', () => {
    expect(comparisonVerdict({ ...base, onlyFirstCorrect: 0, onlySecondCorrect: 0, mcnemarPValue: 1 })).toBe(
      'v3 and v5 are right and wrong on exactly the same 120 images.',
    );
    expect(
      comparisonVerdict({
        ...base,
        imageCount: 0,
        onlyFirstCorrect: 0,
        onlySecondCorrect: 0,
        mcnemarPValue: 1,
      }),
    ).toMatch(/cannot be compared yet/);
  });
});
