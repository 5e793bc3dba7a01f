/** The API's bounds on a password (apps/api/src/auth/passwords.ts). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 512;

/** Letters and digits without the look-alikes (0/O, 1/l/I), so a password can be read out and typed. */
export const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

const GROUPS = 4;
const GROUP_LENGTH = 5;

/** Fills a byte array with random bytes: `crypto.getRandomValues` in the browser. */
export type RandomBytes = (bytes: Uint8Array) => Uint8Array;

const cryptoRandomBytes: RandomBytes = (bytes) => globalThis.crypto.getRandomValues(bytes);

/**
 * A new random password, "Xk7pQ-m2RtH-…": four groups of five characters of PASSWORD_ALPHABET (about 116
 * bits), each drawn without modulo bias (bytes past the last whole multiple of the alphabet are drawn again).
 */
export function generatePassword(random: RandomBytes = cryptoRandomBytes): string {
  const size = PASSWORD_ALPHABET.length;
  const limit = 256 - (256 % size);
  const characters: string[] = [];
  const buffer = new Uint8Array(GROUPS * GROUP_LENGTH * 2);
  while (characters.length < GROUPS * GROUP_LENGTH) {
    for (const byte of random(buffer)) {
      if (byte >= limit) continue;
      characters.push(PASSWORD_ALPHABET[byte % size]!);
      if (characters.length === GROUPS * GROUP_LENGTH) break;
    }
  }
  const groups: string[] = [];
  for (let index = 0; index < GROUPS; index += 1)
    groups.push(characters.slice(index * GROUP_LENGTH, (index + 1) * GROUP_LENGTH).join(''));
  return groups.join('-');
}

/** What is wrong with a new password and its repetition, as one sentence each; empty when nothing is. */
export type NewPasswordProblems = { password?: string; repeat?: string };

/** The checks the API makes on a new password (length), and that the two entries match. */
export function newPasswordProblems(password: string, repeat: string): NewPasswordProblems {
  const problems: NewPasswordProblems = {};
  if (password.length === 0) problems.password = 'Enter a new password.';
  else if (password.length < PASSWORD_MIN_LENGTH)
    problems.password = `A password needs at least ${PASSWORD_MIN_LENGTH} characters; this one has ${password.length}.`;
  else if (password.length > PASSWORD_MAX_LENGTH)
    problems.password = `A password may have at most ${PASSWORD_MAX_LENGTH} characters; this one has ${password.length}.`;
  if (!problems.password && repeat !== password)
    problems.repeat =
      repeat.length === 0 ? 'Enter the new password again.' : 'The two new passwords are not the same.';
  return problems;
}

export type ChangePasswordProblems = NewPasswordProblems & { current?: string };

/** The account form's checks before any request: the current password given, a valid new one, twice. */
export function changePasswordProblems(form: {
  current: string;
  password: string;
  repeat: string;
}): ChangePasswordProblems {
  const problems: ChangePasswordProblems = newPasswordProblems(form.password, form.repeat);
  if (form.current.length === 0) problems.current = 'Enter your current password.';
  else if (!problems.password && form.password === form.current)
    problems.password = 'The new password is the same as the current one.';
  return problems;
}

/** Whether a set of problems has any. */
export function hasProblems(problems: Record<string, string | undefined>): boolean {
  return Object.values(problems).some((problem) => problem !== undefined);
}

/** How a password for someone else is chosen: generated here, or typed (twice) by the admin. */
export type PasswordChoice = { mode: 'GENERATE' | 'TYPE'; password: string; repeat: string };

/**
 * The password to send for a choice: a fresh generated one, or the typed one once it passes the checks.
 * `generated` says whether it must be shown to hand over (a typed one the admin already knows).
 */
export function resolvePasswordChoice(
  choice: PasswordChoice,
  generate: () => string = generatePassword,
): { ok: true; password: string; generated: boolean } | { ok: false; problems: NewPasswordProblems } {
  if (choice.mode === 'GENERATE') return { ok: true, password: generate(), generated: true };
  const problems = newPasswordProblems(choice.password, choice.repeat);
  if (hasProblems(problems)) return { ok: false, problems };
  return { ok: true, password: choice.password, generated: false };
}
