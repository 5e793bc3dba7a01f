import { formatPValue } from './reader-report';

/** What the verdict of a paired comparison needs: the version numbers and the paired counts. */
export type PairedOutcome = {
  firstVersion: number;
  secondVersion: number;
  imageCount: number;
  onlyFirstCorrect: number;
  onlySecondCorrect: number;
  mcnemarPValue: number;
};

const images = (count: number) => `${count} image${count === 1 ? '' : 's'}`;

/**
 * One sentence on which of two versions is more accurate on the images both were judged on, read from
 * McNemar's exact test at the given level: only the images exactly one version got right say anything
 * about the difference.
 */
export function comparisonVerdict(outcome: PairedOutcome, level = 0.05): string {
  const { firstVersion: a, secondVersion: b, onlyFirstCorrect, onlySecondCorrect } = outcome;
  if (outcome.imageCount === 0)
    return `No labelled test image was predicted by both v${a} and v${b} with a category both know, so they cannot be compared yet.`;
  if (onlyFirstCorrect + onlySecondCorrect === 0)
    return `v${a} and v${b} are right and wrong on exactly the same ${images(outcome.imageCount)}.`;
  const counts = `v${b} alone is right on ${images(onlySecondCorrect)}, v${a} alone on ${images(onlyFirstCorrect)}`;
  const p = formatPValue(outcome.mcnemarPValue);
  if (outcome.mcnemarPValue < level && onlyFirstCorrect !== onlySecondCorrect) {
    const better = onlySecondCorrect > onlyFirstCorrect ? b : a;
    return `v${better} is more accurate on these images: ${counts} (McNemar ${p}).`;
  }
  return `No clear difference in accuracy: ${counts} (McNemar ${p}), which chance alone could explain.`;
}
