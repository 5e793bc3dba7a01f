import { AppError } from '../errors';
import type { Viewer } from './api-tokens';

export type Role = 'ADMIN' | 'ANNOTATOR' | 'DATA_SCIENTIST' | 'READER';

/** What each role may do. A token is scoped to a role its owner holds or one with fewer rights. */
const CAPABILITIES = {
  ADMIN: ['read', 'label', 'curate', 'train', 'admin'],
  DATA_SCIENTIST: ['read', 'label', 'curate', 'train'],
  ANNOTATOR: ['read', 'label', 'curate'],
  READER: [],
} as const satisfies Record<Role, readonly string[]>;

export type Capability = 'read' | 'label' | 'curate' | 'train' | 'admin';

export function roleCan(role: Role, capability: Capability): boolean {
  return (CAPABILITIES[role] as readonly string[]).includes(capability);
}

/** Whether a user of role `owner` may hand out a token of role `scope`. */
export function roleAllows(owner: Role, scope: Role): boolean {
  return CAPABILITIES[scope].every((capability) =>
    (CAPABILITIES[owner] as readonly string[]).includes(capability),
  );
}

/** The viewer, or a typed error when there is none or it lacks the capability. */
export function requireCapability(viewer: Viewer | undefined, capability: Capability): Viewer {
  if (!viewer)
    throw new AppError('UNAUTHENTICATED', 'Sign in or send an API token (Authorization: Bearer …).');
  if (!roleCan(viewer.role, capability))
    throw new AppError('FORBIDDEN', `A ${viewer.role} may not ${capability}.`);
  return viewer;
}

/**
 * Whether the viewer may see this user (name, email, role): always themselves; anyone else only when the
 * request acts as an ADMIN, the role that lists users. A READER therefore never learns who else labelled,
 * excluded or read an image, nor does any token scoped below ADMIN.
 */
export function canSeeUser(viewer: Viewer | undefined, userId: string): boolean {
  if (!viewer) return false;
  return viewer.userId === userId || roleCan(viewer.role, 'admin');
}

/**
 * The viewer when it acts as a READER: the only role that answers reader studies, and only those it is
 * assigned to (each operation checks the assignment).
 */
export function requireReader(viewer: Viewer | undefined): Viewer {
  if (!viewer)
    throw new AppError('UNAUTHENTICATED', 'Sign in or send an API token (Authorization: Bearer …).');
  if (viewer.role !== 'READER') throw new AppError('FORBIDDEN', 'Only a READER answers reader studies.');
  return viewer;
}
