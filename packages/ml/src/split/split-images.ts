import { assignSplit, resolveSplitOptions, type SplitName, type SplitOptions } from './assign-split';

export type SplitImage = { imageId: string; studyKey: string };

/** The split of every image, taken from its study: images of one study never land on two sides. */
export function splitImages(
  images: readonly SplitImage[],
  options: SplitOptions = {},
): Map<string, SplitName> {
  const resolved = resolveSplitOptions(options);
  const byStudy = new Map<string, SplitName>();
  const byImage = new Map<string, SplitName>();
  for (const { imageId, studyKey } of images) {
    let split = byStudy.get(studyKey);
    if (split === undefined) {
      split = assignSplit(studyKey, resolved);
      byStudy.set(studyKey, split);
    }
    byImage.set(imageId, split);
  }
  return byImage;
}

/** How many images fall on each side. */
export function countSplits(splits: Map<string, SplitName>): Record<SplitName, number> {
  const counts: Record<SplitName, number> = { TRAIN: 0, VALIDATION: 0, TEST: 0 };
  for (const split of splits.values()) counts[split] += 1;
  return counts;
}
