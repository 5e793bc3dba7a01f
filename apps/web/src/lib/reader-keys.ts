/** What a key does on the reader screen. */
export type ReaderKeyAction =
  | { kind: 'first'; index: number }
  | { kind: 'second'; index: number }
  | { kind: 'submit' }
  | { kind: 'previous' }
  | null;

type KeyLike = {
  key: string;
  code: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
};

/**
 * Digits 1–9 pick the first choice, Shift + digit the second (by the key's position, so it works whatever
 * Shift makes of the digit on the keyboard's layout); Enter submits; Backspace goes back to the previous image.
 * Keys typed into a form field are the field's own (the caller checks).
 */
export function readerKeyAction(event: KeyLike, categoryCount: number): ReaderKeyAction {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  const digit =
    /^(?:Digit|Numpad)([1-9])$/.exec(event.code)?.[1] ?? (/^[1-9]$/.test(event.key) ? event.key : null);
  if (digit) {
    const index = Number(digit) - 1;
    if (index >= categoryCount) return null;
    return { kind: event.shiftKey ? 'second' : 'first', index };
  }
  if (event.key === 'Enter' && !event.shiftKey) return { kind: 'submit' };
  if (event.key === 'Backspace' && !event.shiftKey) return { kind: 'previous' };
  return null;
}

/** The time an answer took, in whole milliseconds, never negative. */
export function elapsedMs(shownAt: number, answeredAt: number): number {
  return Math.max(0, Math.round(answeredAt - shownAt));
}
