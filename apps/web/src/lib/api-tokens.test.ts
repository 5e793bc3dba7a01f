import { describe, expect, it } from 'vitest';
import {
  checkTokenForm,
  curlCommand,
  currentWebSessionId,
  endOfUtcDay,
  type TokenSummary,
  tokenState,
  utcDateOf,
} from './api-tokens';

const now = new Date('2026-03-10T12:00:00Z');

function token(overrides: Partial<TokenSummary>): TokenSummary {
  return {
    id: 'ApiToken:1',
    name: 'notebook',
    role: 'DATA_SCIENTIST',
    isWebSession: false,
    createdAt: '2026-03-01T08:00:00Z',
    expiresAt: null,
    revokedAt: null,
    ...overrides,
  };
}

describe('tokenState', () => {
  it('is revoked before expired, and active until the expiry', () => {
    expect(tokenState(token({}), now)).toBe('ACTIVE');
    expect(tokenState(token({ expiresAt: '2026-03-10T12:00:01Z' }), now)).toBe('ACTIVE');
    expect(tokenState(token({ expiresAt: '2026-03-10T12:00:00Z' }), now)).toBe('EXPIRED');
    expect(
      tokenState(token({ expiresAt: '2026-03-01T00:00:00Z', revokedAt: '2026-02-01T00:00:00Z' }), now),
    ).toBe('REVOKED');
  });
});

describe('currentWebSessionId', () => {
  const script = token({ id: 'ApiToken:1' });
  const session = (id: string, overrides: Partial<TokenSummary> = {}) =>
    token({ id, name: 'web session', isWebSession: true, expiresAt: '2026-03-10T20:00:00Z', ...overrides });

  it('is the one live web session: the page was asked for with it', () => {
    expect(currentWebSessionId([script, session('ApiToken:2')], now)).toBe('ApiToken:2');
    expect(
      currentWebSessionId(
        [session('ApiToken:2'), session('ApiToken:3', { revokedAt: '2026-03-10T11:00:00Z' })],
        now,
      ),
    ).toBe('ApiToken:2');
    expect(
      currentWebSessionId(
        [session('ApiToken:2'), session('ApiToken:3', { expiresAt: '2026-03-10T11:00:00Z' })],
        now,
      ),
    ).toBe('ApiToken:2');
  });

  it('is the one the API marks current, among several live ones', () => {
    expect(
      currentWebSessionId([session('ApiToken:2'), session('ApiToken:3', { isCurrent: true }), script], now),
    ).toBe('ApiToken:3');
    // A script's own token is current for its request, but it is no browser.
    expect(
      currentWebSessionId(
        [session('ApiToken:2'), session('ApiToken:3'), { ...script, isCurrent: true }],
        now,
      ),
    ).toBeNull();
  });

  it('is unknown with several live web sessions and no mark, or none listed', () => {
    expect(currentWebSessionId([session('ApiToken:2'), session('ApiToken:3')], now)).toBeNull();
    expect(currentWebSessionId([script], now)).toBeNull();
  });
});

describe('endOfUtcDay', () => {
  it('ends the day given in UTC, and refuses what is not a date', () => {
    expect(endOfUtcDay('2027-01-31')?.toISOString()).toBe('2027-01-31T23:59:59.999Z');
    expect(endOfUtcDay('2028-02-29')?.toISOString()).toBe('2028-02-29T23:59:59.999Z');
    expect(endOfUtcDay('2027-02-29')).toBeNull();
    expect(endOfUtcDay('2027-13-01')).toBeNull();
    expect(endOfUtcDay('31/01/2027')).toBeNull();
    expect(endOfUtcDay('')).toBeNull();
  });

  it('makes today the earliest choice', () => {
    expect(utcDateOf(now)).toBe('2026-03-10');
  });
});

describe('checkTokenForm', () => {
  const roles = ['DATA_SCIENTIST', 'ANNOTATOR', 'READER'] as const;

  it('gives the request: a trimmed name, the role, the end of the last day or no expiry', () => {
    expect(checkTokenForm({ name: '  notebook ', role: 'ANNOTATOR', expiresOn: '' }, roles, now)).toEqual({
      ok: true,
      request: { name: 'notebook', role: 'ANNOTATOR', expiresAt: null },
    });
    expect(
      checkTokenForm({ name: 'export', role: 'DATA_SCIENTIST', expiresOn: '2026-03-10' }, roles, now),
    ).toEqual({
      ok: true,
      request: { name: 'export', role: 'DATA_SCIENTIST', expiresAt: '2026-03-10T23:59:59.999Z' },
    });
  });

  it('refuses an empty, long or reserved name', () => {
    const problems = (name: string) => {
      const checked = checkTokenForm({ name, role: 'ANNOTATOR', expiresOn: '' }, roles, now);
      return checked.ok ? null : checked.problems.name;
    };
    expect(problems('   ')).toMatch(/^Name the token/);
    expect(problems('x'.repeat(101))).toMatch(/at most 100/);
    expect(problems('Web Session')).toBe('"Web Session" is a name Loupe uses itself; choose another.');
    expect(problems('local command line')).toMatch(/Loupe uses itself/);
    expect(problems('x'.repeat(100))).toBeNull();
  });

  it('refuses a role the session may not hand out, and a day already over', () => {
    const checked = checkTokenForm({ name: 'n', role: 'ADMIN', expiresOn: '2026-03-09' }, roles, now);
    expect(checked).toEqual({
      ok: false,
      problems: { role: 'Choose a role you may hand out.', expiresOn: 'Choose today or a later day.' },
    });
    const badDate = checkTokenForm({ name: 'n', role: '', expiresOn: '2026-02-30' }, roles, now);
    expect(badDate.ok ? null : badDate.problems).toEqual({
      role: 'Choose a role you may hand out.',
      expiresOn: 'Enter the expiry as a date (YYYY-MM-DD).',
    });
  });
});

describe('curlCommand', () => {
  it('asks the web origin’s /graphql who the token is', () => {
    expect(curlCommand('https://loupe.example.org/', 'loupe_abc-DEF_123')).toBe(
      `curl -s 'https://loupe.example.org/graphql' -H 'Authorization: Bearer loupe_abc-DEF_123' ` +
        `-H 'Content-Type: application/json' -d '{"query": "{ me { user { email } role } }"}'`,
    );
  });

  it('quotes for the shell whatever the values hold', () => {
    expect(curlCommand("http://h'x", 's')).toContain(`'http://h'\\''x/graphql'`);
  });
});
