import { describe, expect, it } from 'vitest';
import {
  deselect,
  emptySelection,
  selectAll,
  selectedInOrder,
  selectionCheckboxName,
  toggleImage,
} from './image-selection';

const order = ['a', 'b', 'c', 'd', 'e', 'f'];
const ids = (selection: { ids: ReadonlySet<string> }) =>
  selectedInOrder({ ...selection, anchor: null }, order);

describe('image selection', () => {
  it('toggles one image with a plain click, which becomes the anchor', () => {
    const one = toggleImage(emptySelection, order, 'c');
    expect(ids(one)).toEqual(['c']);
    expect(one.anchor).toBe('c');
    const none = toggleImage(one, order, 'c');
    expect(ids(none)).toEqual([]);
    expect(none.anchor).toBe('c');
    expect(emptySelection.ids.size).toBe(0);
  });

  it('selects the range from the anchor to a Shift+clicked image, both ways, keeping others', () => {
    const start = toggleImage(toggleImage(emptySelection, order, 'a'), order, 'b');
    const forward = toggleImage(start, order, 'e', true);
    expect(ids(forward)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(forward.anchor).toBe('b');
    const backward = toggleImage(toggleImage(emptySelection, order, 'e'), order, 'c', true);
    expect(ids(backward)).toEqual(['c', 'd', 'e']);
  });

  it('clears the range when the Shift+clicked image was selected', () => {
    const all = selectAll(toggleImage(emptySelection, order, 'b'), order);
    const cleared = toggleImage(all, order, 'd', true);
    expect(ids(cleared)).toEqual(['a', 'e', 'f']);
  });

  it('toggles just the image when Shift is held without an anchor, or the anchor left the grid', () => {
    expect(ids(toggleImage(emptySelection, order, 'd', true))).toEqual(['d']);
    const gone = toggleImage(emptySelection, ['x', ...order], 'x');
    const next = toggleImage(gone, order, 'c', true);
    expect(ids(next)).toEqual(['c']);
    expect(next.anchor).toBe('c');
  });

  it('selects every loaded image, lists the selection in grid order, and drops what an action did', () => {
    const some = toggleImage(toggleImage(emptySelection, order, 'e'), order, 'a');
    expect(selectedInOrder(some, order)).toEqual(['a', 'e']);
    expect(selectedInOrder(some, ['e', 'z'])).toEqual(['e']);
    expect(selectAll(some, order).ids.size).toBe(6);
    const left = deselect(selectAll(some, order), ['a', 'b']);
    expect(ids(left)).toEqual(['c', 'd', 'e', 'f']);
    expect(left.anchor).toBeNull();
    expect(deselect(some, ['e']).anchor).toBe('a');
  });
});

describe('selectionCheckboxName', () => {
  it('names the file and its study, so that repeated file names still differ', () => {
    const first = selectionCheckboxName({ sourceFileName: 'IMG_001.png', study: { key: 'S-12' } });
    const second = selectionCheckboxName({ sourceFileName: 'IMG_001.png', study: { key: 'S-13' } });
    expect(first).toBe('Select IMG_001.png of study S-12');
    expect(second).not.toBe(first);
  });
});
