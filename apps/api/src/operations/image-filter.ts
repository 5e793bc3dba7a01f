import type { SplitName } from '@loupe/ml';
import { type SQL, sql } from 'drizzle-orm';
import { badInput } from '../errors';
import type { ImageRowNeeds } from './dataset-image-rows';

/** An inclusive range inside [0, 1]; a missing end is open. */
export type UnitRange = { min?: number | null; max?: number | null };

/** Which images of a dataset to list; every condition given must hold. Ids are database ids. */
export type ImageFilter = {
  studyIds?: readonly string[] | null;
  split?: SplitName | null;
  /** The current label's category. */
  categoryIds?: readonly string[] | null;
  labelSources?: readonly string[] | null;
  /** Whether the current label names a category (a cleared label counts as unlabelled). */
  labelled?: boolean | null;
  /** The newest model version's first guess. */
  predictedCategoryIds?: readonly string[] | null;
  /** The newest model version's top-1 probability. */
  confidence?: UnitRange | null;
  margin?: UnitRange | null;
  /** true: labelled, predicted, and the first guess is not the label; false: labelled, predicted, and it is. */
  disagreesWithLabel?: boolean | null;
  /** Case-insensitive substring of the technologist's text. */
  annotationContains?: string | null;
  /** Whether the image is excluded now. */
  excluded?: boolean | null;
  /** Exactly these file names (as imported: the path in the folder or the manifest's file value). */
  sourceFileNames?: readonly string[] | null;
};

/** File names one filter may list. */
export const MAX_FILTER_FILE_NAMES = 1000;

function checkRange(name: string, range: UnitRange | null | undefined) {
  if (!range) return;
  const isUnit = (value: number | null | undefined) =>
    value === null || value === undefined || (Number.isFinite(value) && value >= 0 && value <= 1);
  if (!isUnit(range.min) || !isUnit(range.max))
    throw badInput(`"${name}" must lie within [0, 1] (min ${range.min}, max ${range.max}).`);
  if (typeof range.min === 'number' && typeof range.max === 'number' && range.min > range.max)
    throw badInput(`"${name}" has min ${range.min} above max ${range.max}.`);
}

/** Throws BAD_INPUT for a filter that cannot mean anything. */
export function validateImageFilter(filter: ImageFilter): void {
  checkRange('confidence', filter.confidence);
  checkRange('margin', filter.margin);
  if ((filter.sourceFileNames?.length ?? 0) > MAX_FILTER_FILE_NAMES)
    throw badInput(
      `"sourceFileNames" lists at most ${MAX_FILTER_FILE_NAMES} names (page through longer lists).`,
    );
}

const oneOf = (column: SQL, values: readonly string[], type: SQL) =>
  values.length === 0
    ? sql`false`
    : sql`${column} in (${sql.join(
        values.map((value) => sql`${value}::${type}`),
        sql`, `,
      )})`;

const inRange = (column: SQL, range: UnitRange | null | undefined) => {
  const parts: SQL[] = [];
  if (typeof range?.min === 'number') parts.push(sql`${column} >= ${range.min}::real`);
  if (typeof range?.max === 'number') parts.push(sql`${column} <= ${range.max}::real`);
  return parts;
};

/** `%` and `_` match themselves, and so does the escape character. */
export function likeSubstring(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

const hasBound = (range: UnitRange | null | undefined) =>
  typeof range?.min === 'number' || typeof range?.max === 'number';

/** The columns the filter reads (see `imageRowsSource`). */
export function imageFilterNeeds(filter: ImageFilter): ImageRowNeeds {
  return {
    prediction: filterRequiresPrediction(filter),
    split: Boolean(filter.split),
    annotation: typeof filter.annotationContains === 'string',
  };
}

/** Whether only images the newest model version predicted can match. */
export function filterRequiresPrediction(filter: ImageFilter): boolean {
  return (
    Boolean(filter.predictedCategoryIds) ||
    hasBound(filter.confidence) ||
    hasBound(filter.margin) ||
    typeof filter.disagreesWithLabel === 'boolean'
  );
}

/**
 * Whether `condition` holds for the current label of the image `r` (its row `l` of `current_labels`, looked up
 * per row by key as the review queue does); false without a label. Written as `coalesce(…, false)`
 * rather than a test on the label's columns: PostgreSQL then estimates it holds for half the rows instead of
 * 0.5 %, so it walks an index in the page's order instead of reading and sorting every image.
 */
const labelLookupHolds = (condition: SQL) =>
  sql`coalesce((select ${condition} from current_labels l where l.image_id = r.id), false)`;

/** The same over a `current_labels l` that the statement left-joins to `r` (for counts: a hash join, 3× faster). */
const joinedLabelHolds = (condition: SQL) => sql`coalesce(${condition}, false)`;

/**
 * The filter as one SQL condition over rows `r` of `imageRowsSource` (with the columns `imageFilterNeeds` asks).
 * With `isLabelJoined`, the statement left-joins `current_labels l on l.image_id = r.id` itself.
 */
export function imageFilterCondition(filter: ImageFilter, { isLabelJoined = false } = {}): SQL {
  const currentLabelHolds = isLabelJoined ? joinedLabelHolds : labelLookupHolds;
  const parts: SQL[] = [sql`true`];
  if (filter.studyIds) parts.push(oneOf(sql`r.study_id`, filter.studyIds, sql.raw('uuid')));
  if (filter.sourceFileNames)
    parts.push(oneOf(sql`r.source_file_name`, filter.sourceFileNames, sql.raw('text')));
  // Coalesced for the same estimate as the label conditions (a computed value, without statistics).
  if (filter.split) parts.push(sql`coalesce(r.split = ${filter.split}, false)`);
  if (filter.categoryIds)
    parts.push(currentLabelHolds(oneOf(sql`l.category_id`, filter.categoryIds, sql.raw('uuid'))));
  if (filter.labelSources)
    parts.push(currentLabelHolds(oneOf(sql`l.source::text`, filter.labelSources, sql.raw('text'))));
  if (typeof filter.labelled === 'boolean') {
    const labelled = currentLabelHolds(sql`l.category_id is not null`);
    parts.push(filter.labelled ? labelled : sql`not ${labelled}`);
  }
  if (filter.predictedCategoryIds)
    parts.push(oneOf(sql`r.top1_category_id`, filter.predictedCategoryIds, sql.raw('uuid')));
  parts.push(...inRange(sql`r.top1_probability`, filter.confidence));
  parts.push(...inRange(sql`r.margin`, filter.margin));
  if (typeof filter.disagreesWithLabel === 'boolean') {
    const comparison = filter.disagreesWithLabel
      ? sql`l.category_id is distinct from r.top1_category_id`
      : sql`l.category_id = r.top1_category_id`;
    parts.push(
      sql`r.has_prediction and ${currentLabelHolds(sql`l.category_id is not null and ${comparison}`)}`,
    );
  }
  if (typeof filter.excluded === 'boolean')
    parts.push(filter.excluded ? sql`r.excluded_at is not null` : sql`r.excluded_at is null`);
  if (typeof filter.annotationContains === 'string')
    parts.push(sql`r.annotation ilike ${likeSubstring(filter.annotationContains)} escape '\\'`);
  return sql.join(parts, sql` and `);
}
