/** What a key press asks the labeler to do. */
export type LabelerCommand =
  | { type: 'pick'; index: number }
  | { type: 'confirm'; guess: 0 | 1 }
  | { type: 'skip' }
  | { type: 'undo' }
  | { type: 'search' }
  | { type: 'exclude' }
  | { type: 'help' }
  | { type: 'close' };

export type KeyPress = {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** Where the key was pressed: the category search box, another text field, or anywhere else. */
  target: 'search' | 'text' | 'other';
};

/** The shortcuts, as the screen lists them. */
export const labelerShortcuts: readonly { keys: string; action: string }[] = [
  { keys: '1–9', action: 'pick the n-th category' },
  { keys: 'Enter', action: 'confirm the model’s first guess' },
  { keys: 'Shift+Enter', action: 'confirm its second guess' },
  { keys: '/', action: 'search categories (Enter picks the match)' },
  { keys: 'S or →', action: 'skip' },
  { keys: 'Ctrl/⌘+Z', action: 'undo the last label' },
  { keys: 'X', action: 'exclude the image, saying why (or go to “Include again”)' },
  { keys: 'Arrows', action: 'move the focused crop box (Shift: 10 px, Alt: resize)' },
  { keys: '?', action: 'show or hide these shortcuts' },
];

/**
 * Maps a key press to a command. While typing in the search box only Enter and Escape act (Enter there picks
 * the match, which the search box handles itself); in any other text field nothing does.
 */
export function commandForKey(press: KeyPress): LabelerCommand | null {
  const { key, target } = press;
  if (target === 'text') return null;
  if (target === 'search') return key === 'Escape' ? { type: 'close' } : null;
  const modified = press.ctrlKey || press.metaKey;
  if (modified)
    return !press.altKey && (key === 'z' || key === 'Z') && !press.shiftKey ? { type: 'undo' } : null;
  if (press.altKey) return null;
  if (key === 'Enter') return { type: 'confirm', guess: press.shiftKey ? 1 : 0 };
  if (/^[1-9]$/.test(key)) return { type: 'pick', index: Number(key) - 1 };
  if (key === 's' || key === 'S' || key === 'ArrowRight') return { type: 'skip' };
  if (key === '/') return { type: 'search' };
  if (key === 'x' || key === 'X') return { type: 'exclude' };
  if (key === '?') return { type: 'help' };
  if (key === 'Escape') return { type: 'close' };
  return null;
}

/** Categories whose name contains the query (any case), those starting with it first; all for an empty query. */
export function filterCategories<T extends { name: string }>(categories: readonly T[], query: string): T[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [...categories];
  const starts: T[] = [];
  const contains: T[] = [];
  for (const category of categories) {
    const name = category.name.toLowerCase();
    if (name.startsWith(needle)) starts.push(category);
    else if (name.includes(needle)) contains.push(category);
  }
  return [...starts, ...contains];
}
