import { describe, expect, it } from 'vitest';
import { assignSplit } from './assign-split';
import { createRandom, shuffleInPlace } from './seeded-random';
import { countSplits, splitImages } from './split-images';

describe('splitImages', () => {
  const images = Array.from({ length: 3_000 }, (_, i) => ({
    imageId: `img-${i}`,
    studyKey: `study-${i % 300}`,
  }));

  it('puts every image of a study on the same side as the study', () => {
    const splits = splitImages(images);
    const sideOfStudy = new Map<string, Set<string>>();
    for (const { imageId, studyKey } of images) {
      const sides = sideOfStudy.get(studyKey) ?? new Set<string>();
      sides.add(splits.get(imageId) ?? 'missing');
      sideOfStudy.set(studyKey, sides);
    }
    for (const [studyKey, sides] of sideOfStudy) {
      expect([...sides]).toEqual([assignSplit(studyKey)]);
    }
    expect(splits.size).toBe(3_000);
  });

  it('does not depend on the order or the company of the images', () => {
    const shuffled = [...images];
    shuffleInPlace(shuffled, createRandom('order'));
    const a = splitImages(images);
    const b = splitImages(shuffled.slice(0, 1_000));
    for (const [imageId, split] of b) expect(a.get(imageId)).toBe(split);
  });

  it('counts images per side', () => {
    const counts = countSplits(
      new Map([
        ['a', 'TRAIN'],
        ['b', 'TEST'],
        ['c', 'TRAIN'],
      ] as const),
    );
    expect(counts).toEqual({ TRAIN: 2, VALIDATION: 0, TEST: 1 });
  });
});
