import type { HostileCase } from './case-types';
import { AUTH_CASES, GRAPHQL_CASES } from './http-cases';
import { IMPORT_CASES } from './import-cases';
import { PHI_FILES } from './phi-corpus';

/** Every case of the hostile-input corpus, each run by one of the tests of this folder. */
export const HOSTILE_CASES: readonly HostileCase[] = [
  ...IMPORT_CASES,
  ...GRAPHQL_CASES,
  ...AUTH_CASES,
  ...PHI_FILES,
];
