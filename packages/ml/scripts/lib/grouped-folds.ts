import { createHash } from 'node:crypto';

/**
 * Assigns every row a fold (0 … k−1) so that all rows of one group share a fold: groups are ordered by a
 * seeded hash and dealt round-robin, which gives folds with equal numbers of groups (±1).
 */
export function groupedFolds(groups: readonly string[], folds: number, seed = 'loupe'): Int32Array {
  const distinct = [...new Set(groups)];
  const hashOf = (group: string) => createHash('sha256').update(`${seed}\n${group}`).digest('hex');
  const order = distinct
    .map((group) => ({ group, hash: hashOf(group) }))
    .sort((a, b) => a.hash.localeCompare(b.hash));
  const foldOfGroup = new Map(order.map(({ group }, index) => [group, index % folds]));
  return Int32Array.from(groups, (group) => foldOfGroup.get(group) as number);
}
