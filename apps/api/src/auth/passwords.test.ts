import { describe, expect, it } from 'vitest';
import { checkPasswordStrength, generatePassword, hashPassword, verifyPassword } from './passwords';

describe('password hashing', () => {
  it('stores scrypt parameters, a fresh salt and the key, and verifies only the right password', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    expect(second).not.toBe(first);
    expect(await verifyPassword('correct horse battery', first)).toBe(true);
    expect(await verifyPassword('correct horse batterY', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
  });

  it('verifies against the parameters stored in the hash, so they can change later', async () => {
    const stored = await hashPassword('a long enough password');
    const [, , , , salt] = stored.split('$');
    const { scryptSync } = await import('node:crypto');
    const cheap = `scrypt$1024$8$1$${salt}$${scryptSync('other password!', Buffer.from(salt!, 'base64url'), 32, { N: 1024 }).toString('base64url')}`;
    expect(await verifyPassword('other password!', cheap)).toBe(true);
    expect(await verifyPassword('a long enough password', cheap)).toBe(false);
  });

  it('never matches a malformed hash', async () => {
    for (const stored of ['', 'plain', 'bcrypt$1$2$3$4$5', 'scrypt$16384$8$1$c2FsdA$']) {
      expect(await verifyPassword('anything at all', stored)).toBe(false);
    }
  });

  it('refuses short and very long passwords and generates strong ones', () => {
    expect(() => checkPasswordStrength('short')).toThrow(/at least 12/);
    expect(() => checkPasswordStrength('x'.repeat(513))).toThrow(/at most 512/);
    const generated = generatePassword();
    expect(generated).toHaveLength(24);
    expect(() => checkPasswordStrength(generated)).not.toThrow();
    expect(generatePassword()).not.toBe(generated);
  });
});
