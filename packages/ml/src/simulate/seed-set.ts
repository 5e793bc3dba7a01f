import { createRandom, shuffleInPlace } from '../split/seeded-random';

/**
 * The labels revealed before the first round: `size` pool images drawn in a seeded random order, taking
 * classes in turn so that every class is represented when `size` allows (stratified where possible).
 * Depends only on the seed, so every strategy of one seed starts from the same images.
 */
export function drawSeedSet(
  pool: readonly number[],
  labels: Int32Array,
  size: number,
  seed: string,
): number[] {
  const order = [...pool];
  shuffleInPlace(order, createRandom(`${seed}:seed-set`));
  const byClass = new Map<number, number[]>();
  for (const index of order) {
    const label = labels[index] as number;
    const members = byClass.get(label) ?? [];
    members.push(index);
    byClass.set(label, members);
  }
  // Classes take turns in the order they first appear in the shuffle, so a seed set smaller than the class
  // count favours no class index.
  const queues = [...byClass.values()];
  const picked: number[] = [];
  const target = Math.min(size, order.length);
  for (let turn = 0; picked.length < target; turn++) {
    for (const queue of queues) {
      const next = queue[turn];
      if (next !== undefined && picked.length < target) picked.push(next);
    }
  }
  return picked;
}
