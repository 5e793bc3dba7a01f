import type { images } from '@loupe/db';
import { type SQL, sql } from 'drizzle-orm';

export type ImageRow = typeof images.$inferSelect;

/** The split fractions training uses when a dataset has no model version yet (see `@loupe/ml` split). */
const DEFAULT_SPLIT = { testFraction: 0.25, validationFraction: 0.1, seed: 'loupe' };

/** The id of a dataset's newest model version (null before the first), as a scalar subquery. */
export function newestVersionId(datasetId: string): SQL {
  return sql`(select mv.id from model_versions mv where mv.dataset_id = ${datasetId}::uuid
    order by mv.version desc limit 1)`;
}

/**
 * A `with` item `split_options`: the split options recorded in the dataset's newest model version, else
 * training's defaults (one row).
 */
function splitOptionsItem(datasetId: string): SQL {
  return sql`split_options as (
      select coalesce((v.split->>'testFraction')::float8, ${DEFAULT_SPLIT.testFraction}::float8) as test_fraction,
        coalesce((v.split->>'validationFraction')::float8, ${DEFAULT_SPLIT.validationFraction}::float8)
          as validation_fraction,
        coalesce(v.split->>'seed', ${DEFAULT_SPLIT.seed}::text) as seed
      from (select 1) as one
      left join lateral (
        select mv.split from model_versions mv where mv.dataset_id = ${datasetId}::uuid
        order by mv.version desc limit 1
      ) v on true
    )`;
}

/**
 * The split of the image joined as `i` with its study `s`, computed exactly as training computes it
 * (`assignSplit` in `@loupe/ml`: the first 48 bits of SHA-256(seed + ':' + study key) over 2^48 against the
 * test and validation fractions), with the options of `split_options o`. So an image's split is the side it
 * fell on when the newest version was trained, and the side the next run will put it on.
 */
const SPLIT = sql`(select case when d.draw < o.test_fraction then 'TEST'
      when d.draw < o.test_fraction + o.validation_fraction then 'VALIDATION'
      else 'TRAIN' end
    from (select ('x' || left(encode(sha256(convert_to(o.seed || ':' || s.key, 'UTF8')), 'hex'), 12))::bit(48)
      ::bigint::float8 / 281474976710656 as draw) d)`;

/** What a statement over a dataset's images reads besides the image itself. */
export type ImageRowNeeds = {
  /** `has_prediction`, `top1_category_id`, `top1_probability`, `margin`, `entropy`, `label_disagreement`. */
  prediction?: boolean;
  /** `split` (a SHA-256 per row: only when asked for). */
  split?: boolean;
  /** `annotation`: the technologist's text. */
  annotation?: boolean;
};

/** The scores the newest model version stores per image, by column. */
export type ScoreColumn = 'top1_probability' | 'margin' | 'entropy' | 'label_disagreement';

/**
 * Where a statement's image rows come from: every image of the dataset (`images`), or only those the
 * newest model version scored (`scored`: its predictions with `column` set, so PostgreSQL can walk the
 * `predictions_version_*` index in score order and stop after a page).
 */
export type ImageRowSource = { from: 'images' } | { from: 'scored'; column: ScoreColumn };

/**
 * A statement's `with` prefix and a subquery with one row per image of a dataset (named like the columns of
 * `imageRowsClause`, for `imageFilterCondition` and `imageOrderSql` over `r`), reading only what `needs`
 * asks for. The prediction is the newest model version's (the one the review queue ranks by); an image it
 * has not predicted has none here. Written so PostgreSQL flattens it into the outer statement: a filter or
 * an order over `r` reaches the indexes, and the current label is looked up only for the rows the filter
 * asks about (see `imageFilterCondition`).
 */
export function imageRowsSource(
  datasetId: string,
  needs: ImageRowNeeds,
  source: ImageRowSource,
): { with: SQL; rows: SQL } {
  const columns: SQL[] = [
    sql`i.id, i.dataset_id, i.study_id, i.sha256, i.width, i.height, i.format::text as format, i.bit_depth,
      i.channels, i.source_file_name, i.frame_index, i.import_batch_id, i.created_at,
      i.created_at::text as created_at_text, i.excluded_at`,
  ];
  const scored = source.from === 'scored';
  if (needs.prediction || scored)
    columns.push(sql`p.image_id is not null as has_prediction, p.top1_category_id, p.top1_probability,
      p.margin, p.entropy, p.label_disagreement`);
  if (needs.split) columns.push(sql`${SPLIT} as split`);
  if (needs.annotation) columns.push(sql`a.text as annotation`);

  const joins: SQL[] = [];
  const conditions: SQL[] = [sql`i.dataset_id = ${datasetId}::uuid`];
  if (scored) {
    joins.push(sql`predictions p join images i on i.id = p.image_id`);
    conditions.push(
      sql`p.model_version_id = ${newestVersionId(datasetId)}`,
      sql`p.${sql.raw(source.column)} is not null`,
    );
  } else {
    joins.push(sql`images i`);
    if (needs.prediction)
      joins.push(
        sql`left join predictions p on p.model_version_id = ${newestVersionId(datasetId)} and p.image_id = i.id`,
      );
  }
  if (needs.split) joins.push(sql`join studies s on s.id = i.study_id cross join split_options o`);
  if (needs.annotation) joins.push(sql`left join annotations a on a.image_id = i.id`);
  return {
    with: needs.split ? sql`with ${splitOptionsItem(datasetId)}` : sql``,
    rows: sql`select ${sql.join(columns, sql`, `)} from ${sql.join(joins, sql` `)}
      where ${sql.join(conditions, sql` and `)}`,
  };
}

/**
 * A `with` clause defining `image_rows`: one row per image of a dataset with everything an export carries
 * (a whole-dataset read).
 *
 * - `split`: as `imageRowsSource` computes it.
 * - `label_*`: the current label, i.e. the image's newest label event (as `Image.currentLabel`).
 * - `top1_*`, `top2_*`, `margin`, `entropy`, `label_disagreement`: the prediction of the newest model version
 *   that predicted the image (as `Image.prediction`); `has_prediction` is false when none did.
 */
export function imageRowsClause(datasetId: string): SQL {
  return sql`with ${splitOptionsItem(datasetId)},
    image_rows as (
      select i.id, i.dataset_id, i.study_id, i.sha256, i.width, i.height, i.format::text as format, i.bit_depth,
        i.channels, i.source_file_name, i.frame_index, i.import_batch_id, i.created_at,
        i.created_at::text as created_at_text, i.excluded_at, s.key as study_key, ${SPLIT} as split,
        cur.category_id as label_category_id, cur.source::text as label_source,
        p.image_id is not null as has_prediction, p.model_version_id,
        p.top1_category_id, p.top1_probability, p.top2_category_id, p.top2_probability,
        p.margin, p.entropy, p.label_disagreement, a.text as annotation
      from images i
      join studies s on s.id = i.study_id
      cross join split_options o
      left join lateral (
        select c.category_id, c.source from current_labels c where c.image_id = i.id
      ) cur on true
      left join lateral (
        select pr.* from predictions pr join model_versions mv on mv.id = pr.model_version_id
        where pr.image_id = i.id order by mv.version desc limit 1
      ) p on true
      left join annotations a on a.image_id = i.id
      where i.dataset_id = ${datasetId}::uuid
    )`;
}

type RawImage = {
  id: string;
  dataset_id: string;
  study_id: string;
  sha256: string;
  width: number;
  height: number;
  format: ImageRow['format'];
  bit_depth: number;
  channels: number;
  source_file_name: string;
  frame_index: number | null;
  import_batch_id: string | null;
  created_at: Date | string;
  excluded_at: Date | string | null;
};

const toDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

/** An `image_rows` row as the `Image` type's resolvers expect it. */
export function toImageRow(raw: RawImage): ImageRow {
  return {
    id: raw.id,
    datasetId: raw.dataset_id,
    studyId: raw.study_id,
    sha256: raw.sha256,
    width: Number(raw.width),
    height: Number(raw.height),
    format: raw.format,
    bitDepth: Number(raw.bit_depth),
    channels: Number(raw.channels),
    sourceFileName: raw.source_file_name,
    frameIndex: raw.frame_index === null ? null : Number(raw.frame_index),
    importBatchId: raw.import_batch_id,
    createdAt: toDate(raw.created_at),
    excludedAt: raw.excluded_at === null ? null : toDate(raw.excluded_at),
  };
}
