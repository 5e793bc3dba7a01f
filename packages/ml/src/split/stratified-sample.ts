import { MlError } from '../heads/ml-error';
import { createRandom, shuffleInPlace } from './seeded-random';

/**
 * `size` items drawn without replacement so that each stratum keeps its share of the whole (proportional
 * allocation, the largest remainders rounded up, ties to the larger stratum, then the first seen), each
 * stratum drawn by a seeded shuffle. The same items, strata, size and seed give the same sample.
 */
export function stratifiedSample<T>(
  items: readonly T[],
  stratumOf: (item: T) => string,
  size: number,
  seed: string,
): T[] {
  if (!Number.isInteger(size) || size < 1 || size > items.length) {
    throw new MlError('INVALID_METRIC_INPUT', `Cannot draw ${size} of ${items.length} items.`, { size });
  }
  const strata = new Map<string, T[]>();
  for (const item of items) {
    const key = stratumOf(item);
    const members = strata.get(key) ?? [];
    members.push(item);
    strata.set(key, members);
  }
  const groups = [...strata.entries()].map(([key, members], order) => {
    const share = (members.length * size) / items.length;
    return { key, members, order, take: Math.floor(share), remainder: share - Math.floor(share) };
  });
  let left = size - groups.reduce((sum, group) => sum + group.take, 0);
  const byRemainder = [...groups].sort(
    (a, b) => b.remainder - a.remainder || b.members.length - a.members.length || a.order - b.order,
  );
  for (const group of byRemainder) {
    if (left === 0) break;
    group.take += 1;
    left -= 1;
  }
  return groups.flatMap((group) => {
    const shuffled = [...group.members];
    shuffleInPlace(shuffled, createRandom(`${seed}:${group.key}`));
    return shuffled.slice(0, group.take);
  });
}
