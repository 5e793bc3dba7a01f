import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { badInput } from '../errors';

/** scrypt cost (N = 2^15), block size and parallelism; stored in each hash so they can be raised later. */
const DEFAULT_PARAMETERS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 64;
const SALT_BYTES = 16;
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 512;

function deriveKey(password: string, salt: Buffer, parameters: ScryptOptions, keyLength: number) {
  return new Promise<Buffer>((resolve, reject) => {
    // maxmem above 128 · N · r, which scrypt needs; Node's default (32 MiB) is too small for N = 2^15.
    scrypt(password, salt, keyLength, { ...parameters, maxmem: 256 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Refuses passwords too short to resist guessing, or so long that hashing them is a denial of service. */
export function checkPasswordStrength(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH)
    throw badInput(`A password needs at least ${PASSWORD_MIN_LENGTH} characters.`);
  if (password.length > PASSWORD_MAX_LENGTH)
    throw badInput(`A password may have at most ${PASSWORD_MAX_LENGTH} characters.`);
}

/** `scrypt$N$r$p$salt$key` (salt and key base64url): a fresh random salt per password. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const { N, r, p } = DEFAULT_PARAMETERS;
  const key = await deriveKey(password, salt, { N, r, p }, KEY_LENGTH);
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether the password matches the stored hash; compares in constant time. A malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  if (expected.length === 0) return false;
  const actual = await deriveKey(
    password.slice(0, PASSWORD_MAX_LENGTH + 1),
    Buffer.from(salt, 'base64url'),
    { N: Number(n), r: Number(r), p: Number(p) },
    expected.length,
  );
  return timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | undefined;

/**
 * A hash of no one's password, verified when an email is unknown so that a wrong email takes as long as a
 * wrong password.
 */
export function hashForUnknownUser(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(24).toString('base64url'));
  return dummyHash;
}

/** A random password of 24 characters (144 bits). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
