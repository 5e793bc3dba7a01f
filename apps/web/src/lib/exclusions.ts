/** The reasons the labeler offers as quick choices for leaving an image out. */
export const exclusionReasons: readonly string[] = [
  'Not diagnostic',
  'Wrong anatomy or modality',
  'Duplicate',
  'Burned-in patient details',
];

/** The choice that takes its reason from the text field alone. */
export const OTHER_REASON = 'other';

/** The API's limit on a reason, in characters. */
export const MAX_EXCLUSION_REASON_LENGTH = 500;

/** What the API refuses in a reason (after whitespace has been collapsed): control characters. */
const CONTROL_CHARACTER = /\p{Cc}/u;

export type ReasonResult = { ok: true; reason: string } | { ok: false; message: string };

/**
 * The reason the API is sent for a quick choice (or OTHER_REASON) and the text typed beside it: the choice,
 * with the text after a colon when there is one ("Duplicate: of image 12"), or the text alone for "Other".
 * Runs of whitespace (a pasted line break) become one space; what the API would refuse is refused here first.
 */
export function exclusionReason(choice: string, details: string): ReasonResult {
  const text = details.replace(/[\t\n\r\f\v ]+/g, ' ').trim();
  const quick = exclusionReasons.includes(choice) ? choice : '';
  if (!quick && choice !== OTHER_REASON)
    return { ok: false, message: 'Choose a reason, or “Other” and type one.' };
  if (!quick && !text) return { ok: false, message: 'Type why the image is left out.' };
  if (CONTROL_CHARACTER.test(text))
    return { ok: false, message: 'The reason has a control character in it.' };
  const reason = quick && text ? `${quick}: ${text}` : quick || text;
  if (reason.length > MAX_EXCLUSION_REASON_LENGTH)
    return {
      ok: false,
      message: `A reason is at most ${MAX_EXCLUSION_REASON_LENGTH} characters (this one has ${reason.length}).`,
    };
  return { ok: true, reason };
}

/**
 * The database id inside a user's global id (base64url of `User:<id>`), the form the deprecated `author`
 * fields carry; null for anything else.
 */
export function userIdOf(globalId: string | null | undefined): string | null {
  if (!globalId || !/^[A-Za-z0-9_-]+$/.test(globalId)) return null;
  let decoded: string;
  try {
    const base64 = globalId.replace(/-/g, '+').replace(/_/g, '/');
    decoded = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
  } catch {
    return null;
  }
  return decoded.startsWith('User:') && decoded.length > 5 ? decoded.slice(5) : null;
}

/**
 * Who made an event, as the API tells this viewer: `by`, the user, when the viewer may see them (themselves,
 * or anyone for an admin); `author`, a bare database id, whenever someone is recorded.
 */
export type EventAuthor = {
  by?: { id: string; name: string } | null;
  author?: string | null;
};

/**
 * Who did it, in words: "you" for the viewer, the user's name when the API shows it, else "another user"
 * (someone the viewer may not see); "a removed user" when no one is recorded.
 */
export function authorWords(event: EventAuthor, viewerUserId: string | null): string {
  if (event.by) return viewerUserId && userIdOf(event.by.id) === viewerUserId ? 'you' : event.by.name;
  if (!event.author) return 'a removed user';
  return event.author === viewerUserId ? 'you' : 'another user';
}

const time = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** "3 Mar 2025, 14:05 UTC": when something happened, as the labeler's histories write it. */
export function formatEventTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${time.format(date)} UTC`;
}
