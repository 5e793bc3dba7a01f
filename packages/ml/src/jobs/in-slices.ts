import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Maps `items` a slice at a time, letting the event loop turn between slices: a loop over 100,000 images in
 * the thread that serves requests would otherwise hold them up for a few hundred milliseconds.
 */
export async function mapInSlices<T, U>(
  items: readonly T[],
  map: (item: T, index: number) => U,
  sliceSize = 5_000,
): Promise<U[]> {
  const mapped: U[] = new Array(items.length);
  for (let start = 0; start < items.length; start += sliceSize) {
    if (start > 0) await nextTurn();
    const end = Math.min(items.length, start + sliceSize);
    for (let index = start; index < end; index++) mapped[index] = map(items[index]!, index);
  }
  return mapped;
}
