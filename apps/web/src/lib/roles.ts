import type { Role } from '../gql/operations';

/** Roles that may curate a dataset: import images, edit categories (READER may not). */
const CURATING_ROLES: ReadonlySet<Role> = new Set(['ADMIN', 'DATA_SCIENTIST', 'ANNOTATOR']);

/** Whether a role may import images into a dataset, or create one by importing. */
export function canCurate(role: Role | null | undefined): boolean {
  return role != null && CURATING_ROLES.has(role);
}

/** Roles that may label images (the API's `label` capability): the curating roles. */
export function canLabel(role: Role | null | undefined): boolean {
  return role != null && CURATING_ROLES.has(role);
}
