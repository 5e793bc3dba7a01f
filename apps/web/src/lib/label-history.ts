import { authorWords, type EventAuthor } from './exclusions';

/** How a label came about, when no person is recorded with it. */
const SOURCE_WORDS: Record<string, string> = {
  TECHNOLOGIST: 'from the technologist’s text',
  IMPORT: 'at import',
  ANNOTATOR: 'by an annotator',
  MERGE: 'by a category merge',
  READER: 'by a reader',
};

/** How a label came about, with who (`who`: "you", a name or "another user") when a person is recorded. */
const PERSON_WORDS: Record<string, (who: string) => string> = {
  ANNOTATOR: (who) => `by ${who}`,
  READER: (who) => `by ${who} as a reader`,
  TECHNOLOGIST: (who) => `from the technologist’s text (alias rule applied by ${who})`,
  MERGE: (who) => `in a category merge by ${who}`,
};

export type LabelEventSummary = EventAuthor & { source: string; isUndo: boolean };

/**
 * How and by whom a label event came about, as the label history writes it after the category: "by you",
 * "by Ann Lee", "by another user" (someone the viewer may not see), "restored by undo, by you", "at import".
 */
export function labelEventWords(event: LabelEventSummary, viewerUserId: string | null): string {
  const hasPerson = Boolean(event.by || event.author);
  const who = hasPerson ? authorWords(event, viewerUserId) : null;
  if (event.isUndo) return who ? `restored by undo, by ${who}` : 'restored by undo';
  const base = SOURCE_WORDS[event.source] ?? event.source.toLowerCase();
  if (!who) return base;
  return PERSON_WORDS[event.source]?.(who) ?? `${base}, by ${who}`;
}
