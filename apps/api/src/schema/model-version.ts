import { jobs, modelVersions } from '@loupe/db';
import type { Metrics } from '@loupe/ml';
import { and, desc, eq, getTableColumns, lt, sql } from 'drizzle-orm';
import type { GraphQLContext } from './context';
import { toGlobalId } from './global-id';
import { decodeCursor, newestFirstAfter, pageSize, toConnection } from './pagination';

const { trainingSet: _trainingSet, ...summaryColumns } = getTableColumns(modelVersions);

/**
 * The columns the API reads for a model version: all but its training set (the label ids it saw, which grow
 * with the dataset), whose size comes along as a number; `trainingLabelIds` reads the ids when asked.
 */
export const modelVersionColumns = {
  ...summaryColumns,
  trainingLabelCount: sql<number>`coalesce((${modelVersions.trainingSet}->>'trainCount')::int, 0)`,
};

export type ModelVersionSummary = Omit<typeof modelVersions.$inferSelect, 'trainingSet'> & {
  trainingLabelCount: number;
};

type ModelVersionRow = Omit<typeof modelVersions.$inferSelect, 'trainingSet'> & {
  trainingLabelCount?: number;
  trainingSet?: unknown;
};
type JobRow = typeof jobs.$inferSelect;
type StoredMetrics = Partial<Metrics> & { status?: string; message?: string };

export const modelVersionTypeDefs = /* GraphQL */ `
  "Free-form JSON (hyper-parameters, raw metrics)."
  scalar JSON

  "An immutable trained head: what it saw, how it was trained and how well it does on the test studies."
  type ModelVersion implements Node {
    id: ID!
    version: Int!
    dataset: Dataset!
    backbone: String!
    "linear or mlp"
    head: String!
    hyperparameters: JSON!
    "The head's outputs, in order."
    categories: [Category!]!
    trainingLabelCount: Int!
    "The label events it was trained on (ids of LabelEvent): the exact label set it saw."
    trainingLabelIds: [ID!]!
    "How the studies were split (fractions, seed, unit)."
    split: JSON!
    metrics: ModelMetrics!
    isPromoted: Boolean!
    """
    Whether its per-image predictions are still stored. The newest versions of a dataset keep them
    (LOUPE_KEEP_PREDICTIONS, 20 by default), as do the promoted version and those in reader studies;
    an older version keeps its weights, label set and metrics.
    """
    hasPredictions: Boolean!
    trainingMs: Int!
    createdAt: String!
  }

  "Test-split metrics; intervals are 95 % cluster-bootstrap intervals over studies. Null when there were no labelled test images."
  type ModelMetrics {
    testImageCount: Int!
    accuracy: Float
    accuracyLower: Float
    accuracyUpper: Float
    top2Accuracy: Float
    top2Lower: Float
    top2Upper: Float
    macroF1: Float
    expectedCalibrationError: Float
    "confusion[true][predicted], in the order of the version's categories"
    confusion: [[Int!]!]
    note: String
    raw: JSON!
  }

  type JobConnection {
    edges: [JobEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type JobEdge {
    cursor: String!
    node: Job!
  }

  type ModelVersionConnection {
    edges: [ModelVersionEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type ModelVersionEdge {
    cursor: String!
    node: ModelVersion!
  }

  "Background work people can follow: embedding, training."
  type Job implements Node {
    id: ID!
    kind: String!
    "QUEUED, RUNNING, SUCCEEDED, SKIPPED, FAILED or CANCELLED"
    state: String!
    progress: Float!
    message: String
    error: String
    attempt: Int!
    createdAt: String!
    startedAt: String
    finishedAt: String
  }

  extend type Dataset {
    modelVersions(first: Int = 20, after: String): ModelVersionConnection!
    latestModelVersion: ModelVersion
    "The dataset's jobs, newest first."
    jobs(first: Int = 20, after: String): JobConnection!
  }
`;

export const modelVersionResolvers = {
  Dataset: {
    modelVersions: async (
      dataset: { id: string },
      args: { first?: number; after?: string },
      ctx: GraphQLContext,
    ) => {
      const size = pageSize(args.first, 20);
      const after = decodeCursor(args.after);
      const { db } = ctx.app.database;
      const inDataset = eq(modelVersions.datasetId, dataset.id);
      const rows = await db
        .select(modelVersionColumns)
        .from(modelVersions)
        .where(after ? and(inDataset, lt(modelVersions.version, Number(after.sort))) : inDataset)
        .orderBy(desc(modelVersions.version))
        .limit(size + 1);
      const total = await db.$count(modelVersions, inDataset);
      return toConnection(
        rows,
        size,
        total,
        (row) => ({ sort: String(row.version), id: row.id }),
        (row) => row,
      );
    },
    latestModelVersion: async (dataset: { id: string }, _: unknown, ctx: GraphQLContext) => {
      const [row] = await ctx.app.database.db
        .select(modelVersionColumns)
        .from(modelVersions)
        .where(eq(modelVersions.datasetId, dataset.id))
        .orderBy(desc(modelVersions.version))
        .limit(1);
      return row ?? null;
    },
    jobs: async (dataset: { id: string }, args: { first?: number; after?: string }, ctx: GraphQLContext) => {
      const size = pageSize(args.first, 20);
      const page = newestFirstAfter(decodeCursor(args.after), jobs.createdAt, jobs.id);
      const { db } = ctx.app.database;
      const inDataset = eq(jobs.datasetId, dataset.id);
      const rows = await db
        .select()
        .from(jobs)
        .where(and(inDataset, page.where))
        .orderBy(desc(jobs.createdAt), desc(jobs.id))
        .limit(size + 1);
      return toConnection(
        rows,
        size,
        await db.$count(jobs, inDataset),
        (row) => page.cursorOf({ time: row.createdAt, id: row.id }),
        (row) => row,
      );
    },
  },
  ModelVersion: {
    id: (row: ModelVersionRow) => toGlobalId('ModelVersion', row.id),
    dataset: (row: ModelVersionRow, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.dataset.load(row.datasetId),
    categories: async (row: ModelVersionRow, _: unknown, ctx: GraphQLContext) =>
      (await ctx.loaders.category.loadMany(row.categoryIds)).filter(
        (category) => category && !(category instanceof Error),
      ),
    trainingLabelCount: (row: ModelVersionRow) =>
      row.trainingLabelCount ?? (row.trainingSet as { trainCount?: number } | undefined)?.trainCount ?? 0,
    trainingLabelIds: async (row: ModelVersionRow, _: unknown, ctx: GraphQLContext) => {
      const [stored] = await ctx.app.database.db
        .select({ labelIds: sql<string[] | null>`${modelVersions.trainingSet}->'labelIds'` })
        .from(modelVersions)
        .where(eq(modelVersions.id, row.id));
      return (stored?.labelIds ?? []).map((id) => toGlobalId('Label', id));
    },
    metrics: (row: ModelVersionRow) => toModelMetrics(row.metrics as StoredMetrics),
    hasPredictions: (row: ModelVersionRow, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.hasPredictions.load(row.id),
    createdAt: (row: ModelVersionRow) => row.createdAt.toISOString(),
  },
  Job: {
    id: (row: JobRow) => toGlobalId('Job', row.id),
    createdAt: (row: JobRow) => row.createdAt.toISOString(),
    startedAt: (row: JobRow) => row.startedAt?.toISOString() ?? null,
    finishedAt: (row: JobRow) => row.finishedAt?.toISOString() ?? null,
  },
};

function toModelMetrics(metrics: StoredMetrics) {
  return {
    testImageCount: metrics.n ?? 0,
    accuracy: metrics.accuracy ?? null,
    accuracyLower: metrics.accuracyInterval?.lower ?? null,
    accuracyUpper: metrics.accuracyInterval?.upper ?? null,
    top2Accuracy: metrics.top2Accuracy ?? null,
    top2Lower: metrics.top2Interval?.lower ?? null,
    top2Upper: metrics.top2Interval?.upper ?? null,
    macroF1: metrics.macroF1 ?? null,
    expectedCalibrationError: metrics.ece ?? null,
    confusion: metrics.confusion ?? null,
    note: metrics.message ?? null,
    raw: metrics,
  };
}
