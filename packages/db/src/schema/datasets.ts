import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { imageFormat } from './enums';
import { users } from './users';

export const datasets = pgTable('datasets', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  description: text('description').notNull().default(''),
  /**
   * How this dataset's heads are trained, as a data scientist set it: `{ head?, hyperparameters? }`. Every
   * training run of the dataset reads it when it starts; empty means the defaults.
   */
  trainingSettings: jsonb('training_settings')
    .$type<{ head?: 'linear' | 'mlp'; hyperparameters?: Record<string, unknown> }>()
    .notNull()
    .default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One run of `loupe import`: what it was pointed at and what came of it. */
export const importBatches = pgTable('import_batches', {
  id: uuid('id').primaryKey().defaultRandom(),
  datasetId: uuid('dataset_id')
    .notNull()
    .references(() => datasets.id, { onDelete: 'cascade' }),
  source: text('source').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  importedCount: integer('imported_count').notNull().default(0),
  presentCount: integer('present_count').notNull().default(0),
  failedCount: integer('failed_count').notNull().default(0),
  report: jsonb('report'),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
});

/** An exam: the unit of the train/test split. `key` is the manifest's study value, a folder name, or a salted hash of a DICOM Study Instance UID. */
export const studies = pgTable(
  'studies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('studies_dataset_key').on(t.datasetId, t.key),
    check('studies_key_nonempty', sql`length(${t.key}) > 0`),
  ],
);

/** An image, content-addressed by the SHA-256 of its stored bytes (a DICOM frame is stored de-identified, as PNG). */
export const images = pgTable(
  'images',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    studyId: uuid('study_id')
      .notNull()
      .references(() => studies.id, { onDelete: 'cascade' }),
    sha256: text('sha256').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    format: imageFormat('format').notNull(),
    bitDepth: integer('bit_depth').notNull().default(8),
    channels: integer('channels').notNull().default(1),
    sourceFileName: text('source_file_name').notNull(),
    frameIndex: integer('frame_index'),
    importBatchId: uuid('import_batch_id').references(() => importBatches.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the image was left out (its newest `image_exclusions` event); null while it is in use. */
    excludedAt: timestamp('excluded_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('images_dataset_sha256').on(t.datasetId, t.sha256),
    index('images_study').on(t.studyId),
    // A page of a dataset's images reads a few rows in the order it lists them by (the image id breaks ties).
    index('images_dataset_created').on(t.datasetId, t.createdAt, t.id),
    index('images_dataset_file_name').on(t.datasetId, t.sourceFileName, t.id),
    index('images_dataset_id').on(t.datasetId, t.id),
    index('images_dataset_excluded').on(t.datasetId).where(sql`${t.excludedAt} is not null`),
    check('images_positive_size', sql`${t.width} > 0 and ${t.height} > 0`),
    check('images_sha256_hex', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

/** The technologist's text typed on an image. */
export const annotations = pgTable(
  'annotations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    imageId: uuid('image_id')
      .notNull()
      .references(() => images.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('annotations_image').on(t.imageId)],
);
