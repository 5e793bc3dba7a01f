import type { Role } from '../gql/operations';

/** Every role, the one with the most rights first: the order of role pickers. */
export const ROLES: readonly Role[] = ['ADMIN', 'DATA_SCIENTIST', 'ANNOTATOR', 'READER'];

const ROLE_NAMES: Record<Role, string> = {
  ADMIN: 'Admin',
  DATA_SCIENTIST: 'Data scientist',
  ANNOTATOR: 'Annotator',
  READER: 'Reader',
};

/** What each role may do, in the API's words (apps/api/src/auth/roles.ts). */
const CAPABILITIES: Record<Role, readonly string[]> = {
  ADMIN: ['read', 'label', 'curate', 'train', 'admin'],
  DATA_SCIENTIST: ['read', 'label', 'curate', 'train'],
  ANNOTATOR: ['read', 'label', 'curate'],
  READER: [],
};

const ROLE_SUMMARIES: Record<Role, string> = {
  ADMIN: 'everything, users included',
  DATA_SCIENTIST: 'read, label, curate, train',
  ANNOTATOR: 'read, label, curate',
  READER: 'reader studies only',
};

/** "Data scientist": a role as people read it. */
export function roleName(role: Role): string {
  return ROLE_NAMES[role];
}

/** "read, label, curate": what a role may do, for hints next to a role picker. */
export function roleSummary(role: Role): string {
  return ROLE_SUMMARIES[role];
}

/**
 * Whether a holder of role `owner` may hand out a token of role `scope`: the scope needs nothing the owner
 * lacks, as the API checks it. ADMIN covers DATA_SCIENTIST, which covers ANNOTATOR; READER needs nothing.
 */
export function roleAllows(owner: Role, scope: Role): boolean {
  return CAPABILITIES[scope].every((capability) => CAPABILITIES[owner].includes(capability));
}

/**
 * The roles a new API token may have: those both the role this session acts with and the user's own role
 * allow (a session opened before a promotion still acts with the old role), most rights first.
 */
export function tokenRoleOptions(sessionRole: Role, userRole: Role): Role[] {
  return ROLES.filter((role) => roleAllows(sessionRole, role) && roleAllows(userRole, role));
}

/** Whether a session of this role may list and create API tokens (the API asks for the `read` capability). */
export function mayUseApiTokens(role: Role): boolean {
  return CAPABILITIES[role].includes('read');
}

/** Whether a user who had role `from` loses rights with role `to` (their tokens beyond it are revoked). */
export function isDemotion(from: Role, to: Role): boolean {
  return !roleAllows(to, from);
}
