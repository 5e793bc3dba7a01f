import { describe, expect, it } from 'vitest';
import { appendUpcoming, leasedByOthers, mergeUpcoming, percentile, withoutImages } from './queue-flow';

const item = (id: string) => ({ image: { id }, reason: `because ${id}` });
const ids = (items: { image: { id: string } }[]) => items.map((entry) => entry.image.id);

describe('review queue flow', () => {
  it('keeps the images loaded ahead first after a refetch, in the fresh version where there is one', () => {
    const fresh = [item('d'), { image: { id: 'b' }, reason: 'fresh b' }, item('e')];
    const merged = mergeUpcoming([item('b'), item('c')], fresh, new Set(['a']));
    expect(ids(merged)).toEqual(['b', 'd', 'e']);
    expect(merged[0]!.reason).toBe('fresh b');
  });

  it('keeps up to `keep` images ahead even when the fresh ranking moved them out', () => {
    const upcoming = [item('b'), item('c'), item('x'), item('d')];
    const fresh = [item('e'), item('d'), item('c')];
    expect(ids(mergeUpcoming(upcoming, fresh, new Set(), 3))).toEqual(['b', 'c', 'x', 'e', 'd']);
    expect(ids(mergeUpcoming(upcoming, fresh, new Set(), 1))).toEqual(['b', 'e', 'd', 'c']);
    expect(ids(mergeUpcoming(upcoming, fresh, new Set(['b']), 1))).toEqual(['c', 'e', 'd']);
  });

  it('follows the fresh ranking when nothing waits', () => {
    expect(ids(mergeUpcoming([], [item('d'), item('d'), item('e')], new Set()))).toEqual(['d', 'e']);
  });

  it('never brings back an image shown already in the flow', () => {
    const seen = new Set(['a', 'b']);
    expect(ids(mergeUpcoming([item('c')], [item('a'), item('c'), item('b')], seen))).toEqual(['c']);
    expect(ids(appendUpcoming([item('c')], [item('a'), item('c'), item('d')], seen))).toEqual(['c', 'd']);
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
