import { describe, expect, it } from 'vitest';
import {
  appendUpcoming,
  leasedByOthers,
  mergeUpcoming,
  nextIndex,
  percentile,
  takeCount,
  withoutImages,
} from './queue-flow';

const item = (id: string) => ({ image: { id }, reason: `because ${id}` });
const ids = (items: { image: { id: string } }[]) => items.map((entry) => entry.image.id);

describe('review queue flow', () => {
  it('keeps the images loaded ahead first after a refetch, in the fresh version where there is one', () => {
    const fresh = [item('d'), { image: { id: 'b' }, reason: 'fresh b' }, item('e')];
    const merged = mergeUpcoming(
      [item('b'), item('c')],
      fresh,
      new Set(['a']),
      (entry) => entry.image.id === 'b',
    );
    expect(ids(merged)).toEqual(['b', 'd', 'e']);
    expect(merged[0]!.reason).toBe('fresh b');
  });

  it('keeps every image loaded ahead even when the fresh ranking moved it out, and drops the others', () => {
    const upcoming = [item('b'), item('c'), item('x'), item('d')];
    const fresh = [item('e'), item('d'), item('c')];
    const loaded = (names: string[]) => (entry: { image: { id: string } }) => names.includes(entry.image.id);
    expect(ids(mergeUpcoming(upcoming, fresh, new Set(), loaded(['b', 'c', 'x'])))).toEqual([
      'b',
      'c',
      'x',
      'e',
      'd',
    ]);
    expect(ids(mergeUpcoming(upcoming, fresh, new Set(), loaded(['b'])))).toEqual(['b', 'e', 'd', 'c']);
    // A loaded image later in line stays too, before the fresh ranking; one shown meanwhile does not.
    expect(ids(mergeUpcoming(upcoming, fresh, new Set(['b']), loaded(['b', 'x'])))).toEqual([
      'x',
      'e',
      'd',
      'c',
    ]);
  });

  it('follows the fresh ranking when nothing waits', () => {
    expect(ids(mergeUpcoming([], [item('d'), item('d'), item('e')], new Set(), () => true))).toEqual([
      'd',
      'e',
    ]);
  });

  it('never brings back an image shown already in the flow', () => {
    const seen = new Set(['a', 'b']);
    expect(ids(mergeUpcoming([item('c')], [item('a'), item('c'), item('b')], seen, () => true))).toEqual([
      'c',
    ]);
    expect(ids(appendUpcoming([item('c')], [item('a'), item('c'), item('d')], seen))).toEqual(['c', 'd']);
  });

  it('keeps the images waiting in place when more are taken, in the version just taken', () => {
    const appended = appendUpcoming(
      [item('c'), item('d')],
      [{ image: { id: 'd' }, reason: 'renewed d' }, item('e')],
      new Set(),
    );
    expect(ids(appended)).toEqual(['c', 'd', 'e']);
    expect(appended[1]!.reason).toBe('renewed d');
  });

  it('moves on to the first image ready to show, or else to the first in line', () => {
    const upcoming = [item('a'), item('b'), item('c')];
    expect(nextIndex(upcoming, (entry) => entry.image.id !== 'a')).toBe(1);
    expect(nextIndex(upcoming, () => true)).toBe(0);
    expect(nextIndex(upcoming, () => false)).toBe(0);
    expect(nextIndex([], () => true)).toBe(-1);
  });

  it('asks the queue for enough items that new ones come back beside its own leases', () => {
    expect(takeCount(10, 0)).toBe(10);
    expect(takeCount(10, 7)).toBe(17);
    expect(takeCount(10, 95)).toBe(100);
    expect(takeCount(0, 0)).toBe(1);
  });

  it('drops images taken or labelled by someone else', () => {
    expect(ids(withoutImages([item('a'), item('b'), item('c')], ['b']))).toEqual(['a', 'c']);
    expect(leasedByOthers(['a', 'x'], new Set(['a', 'b']))).toEqual(['x']);
  });

  it('computes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});
