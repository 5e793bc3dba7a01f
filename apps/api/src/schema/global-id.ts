import { badInput } from '../errors';

export const NODE_TYPES = [
  'Dataset',
  'Study',
  'Image',
  'Annotation',
  'Category',
  'CategoryAlias',
  'Label',
  'ModelVersion',
  'Job',
  'User',
  'ApiToken',
  'ReaderStudy',
  'ReaderStudyImage',
  'ReaderAssignment',
  'ImportBatch',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Relay global object ids: an opaque base64url of `Type:uuid`. */
export function toGlobalId(type: NodeType, id: string): string {
  return Buffer.from(`${type}:${id}`).toString('base64url');
}

export function fromGlobalId(globalId: string): { type: NodeType; id: string } {
  const decoded = Buffer.from(globalId, 'base64url').toString();
  const separator = decoded.indexOf(':');
  const type = decoded.slice(0, separator) as NodeType;
  const id = decoded.slice(separator + 1);
  if (separator < 0 || !NODE_TYPES.includes(type) || !UUID.test(id))
    throw badInput(`"${globalId}" is not a valid id.`);
  return { type, id };
}

/** The database id behind a global id of the expected type. */
export function idOf(type: NodeType, globalId: string): string {
  const parsed = fromGlobalId(globalId);
  if (parsed.type !== type) throw badInput(`"${globalId}" is not a ${type} id.`);
  return parsed.id;
}
