import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { categories } from './categories';
import { datasets, images } from './datasets';
import { modelVersions } from './models';
import { users } from './users';

export const readerStudyState = pgEnum('reader_study_state', ['DRAFT', 'OPEN', 'CLOSED']);

/** What a reader is shown: the crop box only (no burned-in technologist text) or the whole image. */
export const readerStudyView = pgEnum('reader_study_view', ['CROP', 'WHOLE_IMAGE']);

/** Human readers against the model on one fixed set of images (DRAFT → OPEN → CLOSED). */
export const readerStudies = pgTable(
  'reader_studies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    state: readerStudyState('state').notNull().default('DRAFT'),
    view: readerStudyView('view').notNull(),
    /** The seed of the stratified sample of images, when the images were sampled. */
    sampleSeed: text('sample_seed'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('reader_studies_dataset').on(t.datasetId, t.createdAt),
    check('reader_studies_name_nonempty', sql`length(${t.name}) > 0`),
    check('reader_studies_opened', sql`(${t.state} = 'DRAFT') = (${t.openedAt} is null)`),
    check('reader_studies_closed', sql`(${t.state} = 'CLOSED') = (${t.closedAt} is not null)`),
  ],
);

/** The categories a study offers its readers, in the order they are shown. */
export const readerStudyCategories = pgTable(
  'reader_study_categories',
  {
    studyId: uuid('study_id')
      .notNull()
      .references(() => readerStudies.id, { onDelete: 'cascade' }),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.studyId, t.categoryId] }),
    unique('reader_study_categories_position').on(t.studyId, t.position),
  ],
);

/** The model versions a study compares the readers with. */
export const readerStudyModels = pgTable(
  'reader_study_models',
  {
    studyId: uuid('study_id')
      .notNull()
      .references(() => readerStudies.id, { onDelete: 'cascade' }),
    modelVersionId: uuid('model_version_id')
      .notNull()
      .references(() => modelVersions.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.studyId, t.modelVersionId] })],
);

/** An image of a study with its reference category, fixed when the study was created. */
export const readerStudyImages = pgTable(
  'reader_study_images',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    studyId: uuid('study_id')
      .notNull()
      .references(() => readerStudies.id, { onDelete: 'cascade' }),
    imageId: uuid('image_id')
      .notNull()
      .references(() => images.id, { onDelete: 'cascade' }),
    referenceCategoryId: uuid('reference_category_id')
      .notNull()
      .references(() => categories.id),
  },
  (t) => [
    unique('reader_study_images_image').on(t.studyId, t.imageId),
    unique('reader_study_images_study_id').on(t.studyId, t.id),
    index('reader_study_images_image_id').on(t.imageId),
  ],
);

/** A reader (a user with role READER) assigned to a study. */
export const readerAssignments = pgTable(
  'reader_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    studyId: uuid('study_id')
      .notNull()
      .references(() => readerStudies.id, { onDelete: 'cascade' }),
    readerId: uuid('reader_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('reader_assignments_reader').on(t.studyId, t.readerId),
    unique('reader_assignments_study_id').on(t.studyId, t.id),
    index('reader_assignments_reader_id').on(t.readerId),
  ],
);

/**
 * A reader's answer for one image of a study: one row per reader and image, revised in place while the
 * study is open. The composite keys keep the image, the assignment and both categories within one study.
 */
export const readerReads = pgTable(
  'reader_reads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    studyId: uuid('study_id').notNull(),
    assignmentId: uuid('assignment_id').notNull(),
    studyImageId: uuid('study_image_id').notNull(),
    categoryId: uuid('category_id').notNull(),
    secondCategoryId: uuid('second_category_id'),
    confidence: integer('confidence'),
    timeMs: integer('time_ms').notNull(),
    revisions: integer('revisions').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('reader_reads_assignment_image').on(t.assignmentId, t.studyImageId),
    foreignKey({
      name: 'reader_reads_assignment_fk',
      columns: [t.studyId, t.assignmentId],
      foreignColumns: [readerAssignments.studyId, readerAssignments.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'reader_reads_image_fk',
      columns: [t.studyId, t.studyImageId],
      foreignColumns: [readerStudyImages.studyId, readerStudyImages.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'reader_reads_category_fk',
      columns: [t.studyId, t.categoryId],
      foreignColumns: [readerStudyCategories.studyId, readerStudyCategories.categoryId],
    }),
    foreignKey({
      name: 'reader_reads_second_category_fk',
      columns: [t.studyId, t.secondCategoryId],
      foreignColumns: [readerStudyCategories.studyId, readerStudyCategories.categoryId],
    }),
    index('reader_reads_study_image').on(t.studyImageId),
    check('reader_reads_second_differs', sql`${t.secondCategoryId} <> ${t.categoryId}`),
    check('reader_reads_confidence_range', sql`${t.confidence} between 1 and 5`),
    check('reader_reads_time_nonnegative', sql`${t.timeMs} >= 0`),
  ],
);
