import type { Role } from '../gql/operations';

/** A token as the account page lists it. */
export type TokenSummary = {
  id: string;
  name: string;
  role: Role;
  isWebSession: boolean;
  /** The API's word that the request reading the list came with this token. */
  isCurrent?: boolean;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
};

export type TokenState = 'ACTIVE' | 'REVOKED' | 'EXPIRED';

/** The admin token `loupe serve` writes for the `loupe` command on its machine (`loupe import` uses it). */
export const LOCAL_CLI_TOKEN_NAME = 'local command line';

/** Names the API keeps for itself (a token may not take them). */
const RESERVED_NAMES = ['web session', LOCAL_CLI_TOKEN_NAME];
export const TOKEN_NAME_MAX_LENGTH = 100;

/** Whether a token still works: revoked beats expired; an expiry not yet reached leaves it active. */
export function tokenState(token: Pick<TokenSummary, 'expiresAt' | 'revokedAt'>, now: Date): TokenState {
  if (token.revokedAt) return 'REVOKED';
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= now.getTime()) return 'EXPIRED';
  return 'ACTIVE';
}

/**
 * The id of this browser's own web session: the one the API marks current (the list was read with it). Without
 * that mark, the list still proves it when exactly one of the user's web sessions is live, since the page was
 * asked for with one; null when several are.
 */
export function currentWebSessionId(tokens: readonly TokenSummary[], now: Date): string | null {
  const marked = tokens.find((token) => token.isWebSession && token.isCurrent);
  if (marked) return marked.id;
  const live = tokens.filter((token) => token.isWebSession && tokenState(token, now) === 'ACTIVE');
  return live.length === 1 ? live[0]!.id : null;
}

/** "2027-01-31": today's date in UTC, the earliest a token may be set to expire at the end of. */
export function utcDateOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The end of a day in UTC ("2027-01-31" → 2027-01-31T23:59:59.999Z), or null for a date that is not one. */
export function endOfUtcDay(date: string): Date | null {
  const match = DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const end = new Date(Date.UTC(year, month - 1, day, 23, 59, 59, 999));
  // Date.UTC rolls 2027-02-31 over into March: such a date is not one.
  if (end.getUTCFullYear() !== year || end.getUTCMonth() !== month - 1 || end.getUTCDate() !== day)
    return null;
  return end;
}

export type TokenForm = { name: string; role: Role | ''; expiresOn: string };
export type TokenFormProblems = { name?: string; role?: string; expiresOn?: string };
export type TokenRequest = { name: string; role: Role; expiresAt: string | null };

/**
 * Checks the new-token form as the API will (a name of 1 to 100 characters that Loupe does not use itself, a
 * role this session may hand out, an expiry in the future) and gives the request to send, or the problems.
 */
export function checkTokenForm(
  form: TokenForm,
  allowedRoles: readonly Role[],
  now: Date,
): { ok: true; request: TokenRequest } | { ok: false; problems: TokenFormProblems } {
  const problems: TokenFormProblems = {};
  const name = form.name.trim();
  if (!name) problems.name = 'Name the token after where it is used: "notebook", "nightly export".';
  else if (name.length > TOKEN_NAME_MAX_LENGTH)
    problems.name = `A token name may have at most ${TOKEN_NAME_MAX_LENGTH} characters.`;
  else if (RESERVED_NAMES.includes(name.toLowerCase()))
    problems.name = `"${name}" is a name Loupe uses itself; choose another.`;
  if (!form.role || !allowedRoles.includes(form.role)) problems.role = 'Choose a role you may hand out.';
  let expiresAt: string | null = null;
  if (form.expiresOn) {
    const end = endOfUtcDay(form.expiresOn);
    if (!end) problems.expiresOn = 'Enter the expiry as a date (YYYY-MM-DD).';
    else if (end.getTime() <= now.getTime()) problems.expiresOn = 'Choose today or a later day.';
    else expiresAt = end.toISOString();
  }
  if (Object.keys(problems).length > 0 || !form.role) return { ok: false, problems };
  return { ok: true, request: { name, role: form.role, expiresAt } };
}

/** Quotes a value for a POSIX shell: inside single quotes, with each single quote closed, escaped, reopened. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * A curl command that asks the API who a token is, through the web origin (which forwards /graphql to the
 * API): ready to paste into a terminal to try a new token.
 */
export function curlCommand(origin: string, secret: string): string {
  const endpoint = `${origin.replace(/\/+$/, '')}/graphql`;
  return [
    `curl -s ${shellQuote(endpoint)}`,
    `-H ${shellQuote(`Authorization: Bearer ${secret}`)}`,
    `-H 'Content-Type: application/json'`,
    `-d '{"query": "{ me { user { email } role } }"}'`,
  ].join(' ');
}
