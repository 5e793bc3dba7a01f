import { pgEnum } from 'drizzle-orm/pg-core';

export const userRole = pgEnum('user_role', ['ADMIN', 'ANNOTATOR', 'DATA_SCIENTIST', 'READER']);

/** Where a label came from: a technologist-text rule, a curated import, an annotator, a merge, or a reader. */
export const labelSource = pgEnum('label_source', ['TECHNOLOGIST', 'IMPORT', 'ANNOTATOR', 'MERGE', 'READER']);

export const aliasMatch = pgEnum('alias_match', ['EXACT', 'CASE_INSENSITIVE', 'REGEX']);

export const imageFormat = pgEnum('image_format', ['PNG', 'JPEG', 'DICOM']);

export const jobState = pgEnum('job_state', [
  'QUEUED',
  'RUNNING',
  'SUCCEEDED',
  'SKIPPED',
  'FAILED',
  'CANCELLED',
]);
