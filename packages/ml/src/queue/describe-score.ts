import type { ImageScore } from './types';

export function categoryName(categoryNames: readonly string[], classIndex: number): string {
  return categoryNames[classIndex] ?? `class ${classIndex}`;
}

export const twoDecimals = (value: number) => value.toFixed(2);

/** "liver 0.46 vs spleen 0.41 (margin 0.05)" */
export function describeTopTwo(score: ImageScore, names: readonly string[]): string {
  const first = `${categoryName(names, score.top1)} ${twoDecimals(score.p1)}`;
  const second = `${categoryName(names, score.top2)} ${twoDecimals(score.p2)}`;
  return `${first} vs ${second} (margin ${twoDecimals(score.margin)})`;
}

/** "liver 0.46" */
export function describeBestGuess(score: ImageScore, names: readonly string[]): string {
  return `${categoryName(names, score.top1)} ${twoDecimals(score.p1)}`;
}
