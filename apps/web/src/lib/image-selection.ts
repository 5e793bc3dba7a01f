/**
 * Which images of a grid are selected, and the one clicked last (without Shift), from which Shift+click
 * extends a range. Ids only: the grid's order decides what a range covers.
 */
export type ImageSelection = { readonly ids: ReadonlySet<string>; readonly anchor: string | null };

export const emptySelection: ImageSelection = { ids: new Set(), anchor: null };

/**
 * The selection after a click on an image's checkbox. A plain click (or Space) toggles that image and makes
 * it the anchor. With `range` (Shift held) and an anchor still in the grid, every image between the anchor
 * and the clicked one, both included, takes the clicked image's new state (all selected, or all cleared);
 * the anchor stays, so a second Shift+click reshapes the range from the same place.
 */
export function toggleImage(
  selection: ImageSelection,
  order: readonly string[],
  id: string,
  range = false,
): ImageSelection {
  const select = !selection.ids.has(id);
  const target = order.indexOf(id);
  const anchor = selection.anchor === null ? -1 : order.indexOf(selection.anchor);
  const ids = new Set(selection.ids);
  if (range && anchor >= 0 && target >= 0) {
    const [from, to] = anchor <= target ? [anchor, target] : [target, anchor];
    for (const between of order.slice(from, to + 1)) {
      if (select) ids.add(between);
      else ids.delete(between);
    }
    return { ids, anchor: selection.anchor };
  }
  if (select) ids.add(id);
  else ids.delete(id);
  return { ids, anchor: id };
}

/** Every image loaded in the grid selected (the anchor kept). */
export function selectAll(selection: ImageSelection, order: readonly string[]): ImageSelection {
  return { ids: new Set(order), anchor: selection.anchor };
}

/** The selected ids in grid order; an id the grid no longer shows is left out. */
export function selectedInOrder(selection: ImageSelection, order: readonly string[]): string[] {
  return order.filter((id) => selection.ids.has(id));
}

/** The selection without the images an action has dealt with; the anchor goes if it was one of them. */
export function deselect(selection: ImageSelection, done: Iterable<string>): ImageSelection {
  const doneIds = new Set(done);
  const ids = new Set([...selection.ids].filter((id) => !doneIds.has(id)));
  const anchor = selection.anchor !== null && doneIds.has(selection.anchor) ? null : selection.anchor;
  return { ids, anchor };
}

/**
 * The accessible name of an image's selection checkbox. File names repeat across studies (every study may
 * have its IMG_001.png), so the study's key is part of it: "Select IMG_001.png of study S-12".
 */
export function selectionCheckboxName(image: { sourceFileName: string; study: { key: string } }): string {
  return `Select ${image.sourceFileName} of study ${image.study.key}`;
}
