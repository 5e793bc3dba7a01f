import { executeRows } from '@loupe/db';
import { LABEL_ERROR_MIN_CONFIDENCE, strategyNames } from '@loupe/ml';
import { sql } from 'drizzle-orm';
import { requireCapability } from '../auth/roles';
import { badInput } from '../errors';
import type { GraphQLContext } from './context';

type Overview = { datasetId: string; viewerId: string };
type ProgressUnit = 'HOUR' | 'DAY';

/** Strategies that rank the newest version's unlabelled predictions (see takeQueueItems). */
const UNLABELLED_STRATEGIES = new Set(['LEAST_CONFIDENT', 'MARGIN', 'ENTROPY', 'RANDOM']);
/** DIVERSE_MARGIN ranks only the unlabelled predictions scored with an embedding sketch. */
const SKETCHED_STRATEGY = 'DIVERSE_MARGIN';
const LABEL_ERROR_STRATEGY = 'LIKELY_LABEL_ERROR';
const MAX_PROGRESS_BUCKETS = 1000;

export const datasetOverviewTypeDefs = /* GraphQL */ `
  enum LabelProgressUnit {
    HOUR
    DAY
  }

  "How many images currently carry a category (merged categories only while they still hold labels)."
  type CategoryLabelCount {
    category: Category!
    labelledCount: Int!
  }

  "Label events of one hour or day (UTC) and the labelled images at its end."
  type LabelProgressBucket {
    "Start of the bucket, ISO 8601 in UTC."
    start: String!
    "Label events in the bucket (clearing a label counts too)."
    labelEvents: Int!
    "Net change of labelled images in the bucket: newly labelled minus cleared."
    labelledChange: Int!
    "Images with a label at the end of the bucket."
    labelledTotal: Int!
  }

  "How many images a review-queue strategy could hand the viewer now."
  type QueueSize {
    strategy: String!
    """
    Unlabelled images with a prediction of the newest version for the score-based strategies and RANDOM (for
    DIVERSE_MARGIN only those scored with an embedding sketch); labelled images the newest version
    confidently disagrees with for LIKELY_LABEL_ERROR; images leased to other people, and excluded images, are left out. Null for a strategy that cannot be counted ahead of ranking.
    """
    available: Int
  }

  "Counts for a dataset's dashboard; each field is one statement whatever the dataset's size."
  type DatasetOverview {
    "Images whose current label has a category (excluded images left out, as in the counts below)."
    labelledCount: Int!
    "Every category of the dataset with its current-label count, in category order."
    labelCounts: [CategoryLabelCount!]!
    "The newest non-empty buckets (at most last, 1 to 1000), oldest first."
    labelProgress(unit: LabelProgressUnit = DAY, last: Int = 60): [LabelProgressBucket!]!
    "One entry per registered review-queue strategy."
    queueSizes: [QueueSize!]!
  }

  extend type Dataset {
    overview: DatasetOverview!
  }
`;

/** Current label of each image of the dataset in use (images never labelled, or excluded, are absent). */
const currentLabels = (datasetId: string) => sql`(
  select c.image_id, c.category_id
  from current_labels c join images i on i.id = c.image_id
  where i.dataset_id = ${datasetId}::uuid and i.excluded_at is null
)`;

export const datasetOverviewResolvers = {
  Dataset: {
    overview: (dataset: { id: string }, _: unknown, ctx: GraphQLContext): Overview => {
      const viewer = requireCapability(ctx.viewer, 'read');
      return { datasetId: dataset.id, viewerId: viewer.userId };
    },
  },
  DatasetOverview: {
    labelledCount: async (overview: Overview, _: unknown, ctx: GraphQLContext) => {
      const [row] = await executeRows<{ n: number }>(
        ctx.app.database.db,
        sql`select count(*)::int as n from ${currentLabels(overview.datasetId)} cur where cur.category_id is not null`,
      );
      return row?.n ?? 0;
    },
    labelCounts: async (overview: Overview, _: unknown, ctx: GraphQLContext) => {
      const rows = await executeRows<CategoryCountRow>(
        ctx.app.database.db,
        sql`select c.id, c.dataset_id, c.name, c.color, c.position, c.merged_into_id, c.archived_at,
            c.created_at, coalesce(n.count, 0)::int as labelled_count
          from categories c
          left join (
            select cur.category_id, count(*) as count from ${currentLabels(overview.datasetId)} cur
            where cur.category_id is not null group by cur.category_id
          ) n on n.category_id = c.id
          where c.dataset_id = ${overview.datasetId}::uuid and (c.merged_into_id is null or n.count > 0)
          order by c.position, c.name, c.id`,
      );
      return rows.map((row) => ({
        category: {
          id: row.id,
          datasetId: row.dataset_id,
          name: row.name,
          color: row.color,
          position: row.position,
          mergedIntoId: row.merged_into_id,
          archivedAt: row.archived_at === null ? null : new Date(row.archived_at),
          createdAt: new Date(row.created_at),
        },
        labelledCount: row.labelled_count,
      }));
    },
    labelProgress: async (
      overview: Overview,
      args: { unit?: ProgressUnit; last?: number },
      ctx: GraphQLContext,
    ) => {
      const last = args.last ?? 60;
      if (!Number.isInteger(last) || last < 1 || last > MAX_PROGRESS_BUCKETS)
        throw badInput(`last must be a whole number from 1 to ${MAX_PROGRESS_BUCKETS}.`);
      const unit = args.unit === 'HOUR' ? 'hour' : 'day';
      const rows = await executeRows<ProgressRow>(
        ctx.app.database.db,
        sql`with events as (
            select date_trunc(${unit}, l.created_at at time zone 'UTC') as bucket,
              (l.category_id is not null)::int
                - coalesce((lag(l.category_id is not null) over (partition by l.image_id order by l.seq))::int, 0)
                as change
            from labels l join images i on i.id = l.image_id
            where i.dataset_id = ${overview.datasetId}::uuid
          ), buckets as (
            select bucket, count(*)::int as label_events, sum(change)::int as labelled_change
            from events group by bucket
          ), totals as (
            select bucket, label_events, labelled_change,
              (sum(labelled_change) over (order by bucket))::int as labelled_total
            from buckets
          )
          select to_char(bucket, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as start, label_events, labelled_change,
            labelled_total
          from (select * from totals order by bucket desc limit ${last}) newest
          order by bucket`,
      );
      return rows.map((row) => ({
        start: row.start,
        labelEvents: row.label_events,
        labelledChange: row.labelled_change,
        labelledTotal: row.labelled_total,
      }));
    },
    queueSizes: async (overview: Overview, _: unknown, ctx: GraphQLContext) => {
      const [row] = await executeRows<{ unlabelled: number; sketched: number; label_errors: number }>(
        ctx.app.database.db,
        sql`with newest as (
            select mv.id from model_versions mv where mv.dataset_id = ${overview.datasetId}::uuid
            order by mv.version desc limit 1
          ), candidates as (
            select p.top1_category_id, p.top1_probability, p.label_disagreement, p.sketch is not null as sketched,
              (select c.category_id from current_labels c where c.image_id = p.image_id)
                as current_category
            from predictions p
            where p.model_version_id = (select id from newest)
              and not exists (
                select 1 from queue_leases q where q.image_id = p.image_id
                and q.user_id <> ${overview.viewerId}::uuid and q.leased_until > now()
              )
              and p.image_id not in (
                select i.id from images i
                where i.dataset_id = ${overview.datasetId}::uuid and i.excluded_at is not null
              )
          )
          select count(*) filter (where current_category is null)::int as unlabelled,
            count(*) filter (where current_category is null and sketched)::int as sketched,
            count(*) filter (
              where current_category is not null and label_disagreement is not null
              and top1_probability >= ${LABEL_ERROR_MIN_CONFIDENCE}
              and current_category is distinct from top1_category_id
            )::int as label_errors
          from candidates`,
      );
      return strategyNames().map((strategy) => ({
        strategy,
        available:
          strategy === LABEL_ERROR_STRATEGY
            ? (row?.label_errors ?? 0)
            : strategy === SKETCHED_STRATEGY
              ? (row?.sketched ?? 0)
              : UNLABELLED_STRATEGIES.has(strategy)
                ? (row?.unlabelled ?? 0)
                : null,
      }));
    },
  },
};

type CategoryCountRow = {
  id: string;
  dataset_id: string;
  name: string;
  color: string | null;
  position: number;
  merged_into_id: string | null;
  archived_at: string | Date | null;
  created_at: string | Date;
  labelled_count: number;
};

type ProgressRow = { start: string; label_events: number; labelled_change: number; labelled_total: number };
