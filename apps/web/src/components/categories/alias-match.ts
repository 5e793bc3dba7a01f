import type { AliasMatch } from '../../queries/categories-queries';

/** How each match kind reads in a list (short) and in the picker (long). */
export const matchWords: Record<AliasMatch, { short: string; long: string }> = {
  EXACT: { short: 'exact', long: 'Exact text' },
  CASE_INSENSITIVE: { short: 'ignoring case', long: 'Same text, ignoring case' },
  REGEX: { short: 'regex', long: 'Regular expression (contains a match)' },
};

export const matchKinds: AliasMatch[] = ['EXACT', 'CASE_INSENSITIVE', 'REGEX'];
