import { describe, expect, it } from 'vitest';
import {
  changePasswordProblems,
  generatePassword,
  hasProblems,
  newPasswordProblems,
  PASSWORD_ALPHABET,
  PASSWORD_MIN_LENGTH,
  resolvePasswordChoice,
} from './passwords';

/** Random bytes from a fixed sequence, repeated. */
function sequence(values: number[]) {
  let at = 0;
  return (bytes: Uint8Array) => {
    for (let index = 0; index < bytes.length; index += 1) {
      bytes[index] = values[at % values.length]!;
      at += 1;
    }
    return bytes;
  };
}

describe('generatePassword', () => {
  it('gives four groups of five characters of the alphabet, from the browser’s random source', () => {
    const password = generatePassword();
    expect(password).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    expect(
      [...password.replaceAll('-', '')].every((character) => PASSWORD_ALPHABET.includes(character)),
    ).toBe(true);
    expect(password.length).toBeGreaterThanOrEqual(PASSWORD_MIN_LENGTH);
    expect(generatePassword()).not.toBe(password);
  });

  it('leaves out look-alike characters', () => {
    for (const character of '0O1lI') expect(PASSWORD_ALPHABET).not.toContain(character);
  });

  it('draws again for bytes past the last whole multiple of the alphabet (no modulo bias)', () => {
    const size = PASSWORD_ALPHABET.length;
    const limit = 256 - (256 % size);
    // Every other byte is out of range and skipped; the rest pick the first, then the second character.
    const password = generatePassword(sequence([255, 0, limit, 1]));
    const first = PASSWORD_ALPHABET[0]!;
    const second = PASSWORD_ALPHABET[1]!;
    expect(password.replaceAll('-', '')).toBe(`${first}${second}`.repeat(10));
  });

  it('uses the whole alphabet', () => {
    const bytes = Array.from({ length: PASSWORD_ALPHABET.length }, (_, index) => index);
    const seen = new Set<string>();
    const random = sequence(bytes);
    for (let run = 0; run < 10; run += 1)
      for (const character of generatePassword(random).replaceAll('-', '')) seen.add(character);
    expect(seen.size).toBe(PASSWORD_ALPHABET.length);
  });
});

describe('newPasswordProblems', () => {
  it('asks for at least 12 characters, said with the count typed', () => {
    expect(newPasswordProblems('', '')).toEqual({ password: 'Enter a new password.' });
    expect(newPasswordProblems('short', 'short').password).toBe(
      'A password needs at least 12 characters; this one has 5.',
    );
    expect(newPasswordProblems('x'.repeat(513), 'x'.repeat(513)).password).toMatch(/at most 512/);
  });

  it('asks for the same password twice', () => {
    expect(newPasswordProblems('long enough pw', '')).toEqual({ repeat: 'Enter the new password again.' });
    expect(newPasswordProblems('long enough pw', 'long enough pW')).toEqual({
      repeat: 'The two new passwords are not the same.',
    });
    expect(newPasswordProblems('long enough pw', 'long enough pw')).toEqual({});
  });
});

describe('changePasswordProblems', () => {
  it('needs the current password, and a new one that differs from it', () => {
    expect(
      changePasswordProblems({ current: '', password: 'long enough pw', repeat: 'long enough pw' }),
    ).toEqual({ current: 'Enter your current password.' });
    expect(
      changePasswordProblems({
        current: 'long enough pw',
        password: 'long enough pw',
        repeat: 'long enough pw',
      }),
    ).toEqual({ password: 'The new password is the same as the current one.' });
    const fine = changePasswordProblems({
      current: 'old one',
      password: 'long enough pw',
      repeat: 'long enough pw',
    });
    expect(hasProblems(fine)).toBe(false);
  });

  it('reports every problem at once', () => {
    const problems = changePasswordProblems({ current: '', password: 'short', repeat: '' });
    expect(Object.keys(problems).sort()).toEqual(['current', 'password']);
    expect(hasProblems(problems)).toBe(true);
  });
});

describe('resolvePasswordChoice', () => {
  it('generates a password to show when asked to', () => {
    expect(resolvePasswordChoice({ mode: 'GENERATE', password: 'ignored', repeat: '' }, () => 'abc')).toEqual(
      {
        ok: true,
        password: 'abc',
        generated: true,
      },
    );
  });

  it('takes a typed password once it passes the checks', () => {
    expect(resolvePasswordChoice({ mode: 'TYPE', password: 'short', repeat: 'short' })).toEqual({
      ok: false,
      problems: { password: 'A password needs at least 12 characters; this one has 5.' },
    });
    expect(
      resolvePasswordChoice({ mode: 'TYPE', password: 'long enough pw', repeat: 'long enough pw' }),
    ).toEqual({ ok: true, password: 'long enough pw', generated: false });
  });
});
