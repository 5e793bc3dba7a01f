import { describe, expect, it } from 'vitest';
import { appendUsers, newUserProblems, placeUser } from './user-list';

const user = (email: string, id = email) => ({ id, email });

describe('placeUser', () => {
  const list = [user('a@x.org'), user('c@x.org'), user('e@x.org')];

  it('replaces a listed user in place', () => {
    const changed = { ...user('c@x.org'), name: 'changed' };
    expect(placeUser(list, changed, false)).toEqual([list[0], changed, list[2]]);
  });

  it('puts a new user in email order among the loaded pages', () => {
    expect(placeUser(list, user('b@x.org'), false).map((entry) => entry.email)).toEqual([
      'a@x.org',
      'b@x.org',
      'c@x.org',
      'e@x.org',
    ]);
    expect(placeUser(list, user('0@x.org'), false)[0]?.email).toBe('0@x.org');
  });

  it('leaves a user past the loaded pages to a later page, or puts them last when all are loaded', () => {
    expect(placeUser(list, user('z@x.org'), false)).toEqual(list);
    expect(placeUser(list, user('z@x.org'), true).at(-1)?.email).toBe('z@x.org');
    expect(placeUser([], user('z@x.org'), false)).toEqual([user('z@x.org')]);
  });
});

describe('appendUsers', () => {
  it('adds a later page without listing anyone twice', () => {
    const list = [user('a@x.org'), user('m@x.org')];
    expect(appendUsers(list, [user('m@x.org'), user('n@x.org')]).map((entry) => entry.email)).toEqual([
      'a@x.org',
      'm@x.org',
      'n@x.org',
    ]);
  });
});

describe('newUserProblems', () => {
  it('asks for an email address, a name and a role', () => {
    expect(newUserProblems({ email: '', name: ' ', role: '' })).toEqual({
      email: 'Enter the email the user signs in with.',
      name: 'Enter the name shown for the user.',
      role: 'Choose a role.',
    });
    expect(newUserProblems({ email: 'not an email', name: 'Ada', role: 'READER' })).toEqual({
      email: '"not an email" is not an email address.',
    });
    expect(newUserProblems({ email: ' ada@example.org ', name: 'Ada', role: 'ANNOTATOR' })).toEqual({});
    expect(
      newUserProblems({ email: 'ada@example.org', name: 'x'.repeat(201), role: 'ANNOTATOR' }).name,
    ).toMatch(/at most 200/);
  });
});
