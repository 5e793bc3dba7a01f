/**
 * The hostile-input corpus: every case is one row of a table with a kind, so that the test files can run the
 * rows and `count.ts` can print how many cases of each kind there are.
 */
export const HOSTILE_KINDS = [
  'image file',
  'DICOM file',
  'file name',
  'manifest',
  'duplicate file',
  'GraphQL document',
  'GraphQL value',
  'HTTP body',
  'token',
  'role escalation',
  'sign-in',
  'PHI',
] as const;

export type HostileKind = (typeof HOSTILE_KINDS)[number];

export type HostileCase = { kind: HostileKind; name: string };

/** The number of cases of each kind, in the order of `HOSTILE_KINDS`, kinds without a case left out. */
export function countByKind(cases: readonly HostileCase[]): { kind: HostileKind; count: number }[] {
  return HOSTILE_KINDS.map((kind) => ({
    kind,
    count: cases.filter((entry) => entry.kind === kind).length,
  })).filter((row) => row.count > 0);
}
