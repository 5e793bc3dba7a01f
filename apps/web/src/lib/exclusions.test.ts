import { describe, expect, it } from 'vitest';
import {
  authorWords,
  exclusionReason,
  exclusionReasons,
  formatEventTime,
  MAX_EXCLUSION_REASON_LENGTH,
  OTHER_REASON,
  userIdOf,
} from './exclusions';

const globalUserId = (id: string) => Buffer.from(`User:${id}`).toString('base64url');

describe('exclusion reasons', () => {
  it('sends a quick choice as it is, or with the typed details after a colon', () => {
    expect(exclusionReason('Duplicate', '')).toEqual({ ok: true, reason: 'Duplicate' });
    expect(exclusionReason('Duplicate', '  of  image 12 ')).toEqual({
      ok: true,
      reason: 'Duplicate: of image 12',
    });
    for (const choice of exclusionReasons)
      expect(exclusionReason(choice, '')).toEqual({ ok: true, reason: choice });
  });

  it('takes “Other” from the text alone, and refuses it empty', () => {
    expect(exclusionReason(OTHER_REASON, ' Motion blur ')).toEqual({ ok: true, reason: 'Motion blur' });
    expect(exclusionReason(OTHER_REASON, '   ')).toMatchObject({ ok: false });
  });

  it('refuses a missing or unknown choice instead of sending it', () => {
    expect(exclusionReason('', 'typed but no choice')).toMatchObject({ ok: false });
    expect(exclusionReason('Made up', '')).toMatchObject({ ok: false });
  });

  it('makes a pasted line break one space, and refuses other control characters', () => {
    expect(exclusionReason(OTHER_REASON, 'first line\r\n\tsecond')).toEqual({
      ok: true,
      reason: 'first line second',
    });
    expect(exclusionReason(OTHER_REASON, 'bell \u0007 here')).toMatchObject({ ok: false });
    expect(exclusionReason(OTHER_REASON, 'escape \u001b[31m')).toMatchObject({ ok: false });
  });

  it('counts the whole reason against the API’s limit', () => {
    expect(exclusionReason(OTHER_REASON, 'x'.repeat(MAX_EXCLUSION_REASON_LENGTH))).toMatchObject({
      ok: true,
    });
    expect(exclusionReason(OTHER_REASON, 'x'.repeat(MAX_EXCLUSION_REASON_LENGTH + 1))).toMatchObject({
      ok: false,
    });
    // "Duplicate: " takes 11 of the 500 characters.
    const details = 'x'.repeat(MAX_EXCLUSION_REASON_LENGTH - 11);
    expect(exclusionReason('Duplicate', details)).toMatchObject({ ok: true });
    expect(exclusionReason('Duplicate', `${details}x`)).toMatchObject({ ok: false });
  });
});

describe('exclusion authors', () => {
  const id = '0b9a4c2e-5f7d-4e1a-9c3b-2d8e6f1a7b90';

  it('reads the user id inside a global id, and nothing else', () => {
    expect(userIdOf(globalUserId(id))).toBe(id);
    expect(userIdOf(Buffer.from(`Image:${id}`).toString('base64url'))).toBeNull();
    expect(userIdOf('not base64 ✓')).toBeNull();
    expect(userIdOf('')).toBeNull();
    expect(userIdOf(null)).toBeNull();
  });

  it('calls the viewer “you” and anyone else by what the viewer may know', () => {
    const ann = { id: globalUserId('1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a'), name: 'Ann Lee' };
    // The API names the user: the viewer themselves, or anyone for an admin.
    expect(authorWords({ by: { id: globalUserId(id), name: 'Me' }, author: id }, id)).toBe('you');
    expect(authorWords({ by: ann, author: 'ignored' }, id)).toBe('Ann Lee');
    expect(authorWords({ by: { id: globalUserId(id), name: 'Me' } }, null)).toBe('Me');
    // Someone is recorded whom the viewer may not see.
    expect(authorWords({ by: null, author: 'someone-else' }, id)).toBe('another user');
    expect(authorWords({ by: null, author: id }, null)).toBe('another user');
    // An API without `by` yet: the raw id alone still says "you".
    expect(authorWords({ author: id }, id)).toBe('you');
    expect(authorWords({ by: null, author: null }, id)).toBe('a removed user');
    expect(authorWords({}, id)).toBe('a removed user');
  });

  it('writes times in UTC, and an unreadable one as it came', () => {
    expect(formatEventTime('2025-03-03T14:05:00.000Z')).toBe('3 Mar 2025, 14:05 UTC');
    expect(formatEventTime('soon')).toBe('soon');
  });
});
