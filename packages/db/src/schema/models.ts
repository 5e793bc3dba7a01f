import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { categories } from './categories';
import { datasets, images } from './datasets';
import { jobState } from './enums';
import { users } from './users';

/** Raw bytes (float32 vectors, for example), as `bytea`. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

/** A cached embedding of one image under one crop box and one backbone. `cropKey` is `x,y,w,h` or `full`. */
export const embeddings = pgTable(
  'embeddings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    imageId: uuid('image_id')
      .notNull()
      .references(() => images.id, { onDelete: 'cascade' }),
    backbone: text('backbone').notNull(),
    cropKey: text('crop_key').notNull(),
    dimensions: integer('dimensions').notNull(),
    vector: bytea('vector').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('embeddings_image_crop_backbone').on(t.imageId, t.backbone, t.cropKey),
    check('embeddings_size', sql`octet_length(${t.vector}) = 4 * ${t.dimensions}`),
  ],
);

/** An immutable trained head with everything needed to reproduce and judge it. */
export const modelVersions = pgTable(
  'model_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    backbone: text('backbone').notNull(),
    head: text('head').notNull(),
    hyperparameters: jsonb('hyperparameters').notNull(),
    /** Output order of the head: category ids. */
    categoryIds: jsonb('category_ids').$type<string[]>().notNull(),
    /** The exact labels it saw: label event ids, with the split of each image. */
    trainingSet: jsonb('training_set').notNull(),
    split: jsonb('split').notNull(),
    metrics: jsonb('metrics').notNull(),
    weightsSha256: text('weights_sha256').notNull(),
    parentId: uuid('parent_id'),
    isPromoted: boolean('is_promoted').notNull().default(false),
    trainingMs: integer('training_ms').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('model_versions_dataset_version').on(t.datasetId, t.version)],
);

/** A model version's prediction and review-queue scores for one image. */
export const predictions = pgTable(
  'predictions',
  {
    modelVersionId: uuid('model_version_id')
      .notNull()
      .references(() => modelVersions.id, { onDelete: 'cascade' }),
    imageId: uuid('image_id')
      .notNull()
      .references(() => images.id, { onDelete: 'cascade' }),
    probabilities: jsonb('probabilities').$type<number[]>().notNull(),
    top1CategoryId: uuid('top1_category_id').references(() => categories.id),
    top1Probability: real('top1_probability').notNull(),
    top2CategoryId: uuid('top2_category_id').references(() => categories.id),
    top2Probability: real('top2_probability').notNull(),
    margin: real('margin').notNull(),
    entropy: real('entropy').notNull(),
    /** Distance to the nearest labelled embedding (for diversity). */
    labelledDistance: real('labelled_distance'),
    /** For labelled images: how strongly the model disagrees with the current label (0 = agrees). */
    labelDisagreement: real('label_disagreement'),
    /** A short unit-length sketch of the embedding, for diversity strategies at request time. */
    sketch: bytea('sketch'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.modelVersionId, t.imageId] }),
    index('predictions_image').on(t.imageId),
    // The review queue reads a few rows of the newest version in the order of its strategy's score.
    index('predictions_version_margin').on(t.modelVersionId, t.margin),
    index('predictions_version_confidence').on(t.modelVersionId, t.top1Probability),
    index('predictions_version_entropy').on(t.modelVersionId, t.entropy),
    index('predictions_version_disagreement')
      .on(t.modelVersionId, t.labelDisagreement)
      .where(sql`${t.labelDisagreement} is not null`),
    check('predictions_probability_range', sql`${t.top1Probability} between 0 and 1`),
  ],
);

/** A review-queue item handed to one annotator for a while. */
export const queueLeases = pgTable(
  'queue_leases',
  {
    imageId: uuid('image_id')
      .primaryKey()
      .references(() => images.id, { onDelete: 'cascade' }),
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    strategy: text('strategy').notNull(),
    leasedUntil: timestamp('leased_until', { withTimezone: true }).notNull(),
  },
  (t) => [index('queue_leases_dataset').on(t.datasetId)],
);

/** What people see of background work (the durable queue itself lives in pg-boss's schema). */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    datasetId: uuid('dataset_id').references(() => datasets.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    state: jobState('state').notNull().default('QUEUED'),
    progress: real('progress').notNull().default(0),
    message: text('message'),
    error: text('error'),
    attempt: integer('attempt').notNull().default(0),
    queueJobId: text('queue_job_id'),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('jobs_dataset_created').on(t.datasetId, t.createdAt),
    uniqueIndex('jobs_queue_job').on(t.queueJobId),
    check('jobs_progress_range', sql`${t.progress} between 0 and 1`),
  ],
);
