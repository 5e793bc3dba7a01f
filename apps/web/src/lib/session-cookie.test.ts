import { describe, expect, it } from 'vitest';
import { sessionCookieFrom } from './session-cookie';

describe('sessionCookieFrom', () => {
  it('reads the session cookie and its attributes among others', () => {
    const headers = new Headers();
    headers.append('set-cookie', 'other=1; Path=/');
    headers.append(
      'set-cookie',
      'loupe_session=loupe_abc-DEF_1; Path=/; Expires=Thu, 26 Nov 2026 12:00:00 GMT; HttpOnly; SameSite=Lax',
    );
    expect(sessionCookieFrom(headers)).toMatchObject({
      name: 'loupe_session',
      value: 'loupe_abc-DEF_1',
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      expires: new Date('2026-11-26T12:00:00Z'),
    });
  });

  it('finds nothing when the response cleared or set no session', () => {
    const cleared = new Headers({
      'set-cookie': 'loupe_session=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    });
    expect(sessionCookieFrom(cleared)).toBeUndefined();
    expect(sessionCookieFrom(new Headers())).toBeUndefined();
    expect(sessionCookieFrom(undefined)).toBeUndefined();
  });
});
