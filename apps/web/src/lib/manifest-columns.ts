import type { ManifestColumnsInput } from '../gql/operations';

/** The manifest columns the API reads, under their default header names. */
export const MANIFEST_COLUMNS = ['file', 'study', 'label', 'annotation', 'crop'] as const;

export type ManifestColumnName = (typeof MANIFEST_COLUMNS)[number];

/** The header names typed in the form, blank where the manifest uses the default. */
export type ManifestColumnNames = Record<ManifestColumnName, string>;

export const defaultColumnNames: ManifestColumnNames = {
  file: '',
  study: '',
  label: '',
  annotation: '',
  crop: '',
};

/** The `columns` argument of `importFiles`: the names typed (trimmed), null when all are the defaults. */
export function manifestColumnsInput(names: ManifestColumnNames): ManifestColumnsInput | null {
  const entries = MANIFEST_COLUMNS.map((column) => [column, names[column].trim() || null] as const);
  if (entries.every(([, name]) => name === null)) return null;
  return Object.fromEntries(entries) as ManifestColumnsInput;
}
