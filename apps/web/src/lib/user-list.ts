import type { Role } from '../gql/operations';

/** A user as the users screen lists them (the fields the list needs). */
export type ListedUser = { id: string; email: string };

/**
 * The list with `user` in place: replaced where it is already listed, else put in email order (the API's
 * order) when it falls within the pages loaded so far, that is, before the last loaded email or anywhere once
 * every page is loaded; a user after the loaded pages comes with a later page instead.
 */
export function placeUser<T extends ListedUser>(list: readonly T[], user: T, allLoaded: boolean): T[] {
  const index = list.findIndex((listed) => listed.id === user.id);
  if (index >= 0) return list.map((listed, at) => (at === index ? user : listed));
  const last = list.at(-1);
  if (!allLoaded && last && compareEmail(user.email, last.email) > 0) return [...list];
  const at = list.findIndex((listed) => compareEmail(user.email, listed.email) < 0);
  return at < 0 ? [...list, user] : [...list.slice(0, at), user, ...list.slice(at)];
}

/** The API lists users by their (lower-case) email; a new user is put among them in the same order. */
function compareEmail(first: string, second: string): number {
  return first < second ? -1 : first > second ? 1 : 0;
}

/** Appends a later page, leaving out anyone already listed (a user created meanwhile, say). */
export function appendUsers<T extends ListedUser>(list: readonly T[], page: readonly T[]): T[] {
  const listed = new Set(list.map((user) => user.id));
  return [...list, ...page.filter((user) => !listed.has(user.id))];
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export type NewUserForm = { email: string; name: string; role: Role | '' };
export type NewUserProblems = { email?: string; name?: string; role?: string };

/** The API's checks on a new user's email, name and role, made before sending. */
export function newUserProblems(form: NewUserForm): NewUserProblems {
  const problems: NewUserProblems = {};
  const email = form.email.trim();
  if (!email) problems.email = 'Enter the email the user signs in with.';
  else if (!EMAIL.test(email) || email.length > 320) problems.email = `"${email}" is not an email address.`;
  const name = form.name.trim();
  if (!name) problems.name = 'Enter the name shown for the user.';
  else if (name.length > 200) problems.name = 'A name may have at most 200 characters.';
  if (!form.role) problems.role = 'Choose a role.';
  return problems;
}
