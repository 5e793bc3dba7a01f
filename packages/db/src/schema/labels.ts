import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  check,
  index,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { categories, categoryAliases } from './categories';
import { images } from './datasets';
import { labelSource } from './enums';
import { users } from './users';

/**
 * Append-only label events. The current label of an image is its row with the highest `seq`;
 * a row with no category clears the label. Undo is a new row, never an update or a delete.
 */
export const labels = pgTable(
  'labels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    imageId: uuid('image_id')
      .notNull()
      .references(() => images.id, { onDelete: 'cascade' }),
    categoryId: uuid('category_id').references(() => categories.id),
    source: labelSource('source').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    aliasId: uuid('alias_id').references(() => categoryAliases.id, { onDelete: 'set null' }),
    /** The label event this one reverts, for undo. */
    undoOfId: uuid('undo_of_id').references((): AnyPgColumn => labels.id),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('labels_image_seq').on(t.imageId, t.seq),
    index('labels_category').on(t.categoryId),
    check(
      'labels_author_for_people',
      sql`${t.source} not in ('ANNOTATOR', 'READER') or ${t.authorId} is not null`,
    ),
  ],
);

/**
 * The current label of each labelled image: a copy of its `labels` row with the highest `seq`, kept by a
 * trigger on `labels` (migration 0004) in the transaction that inserts the label event, so it is never behind.
 * Derived data only: filters, counts and the review queue read one row per image here instead of looking up
 * the newest event per image. Images never labelled have no row; a cleared label has a row with no category.
 */
export const currentLabels = pgTable(
  'current_labels',
  {
    imageId: uuid('image_id')
      .primaryKey()
      .references(() => images.id, { onDelete: 'cascade' }),
    labelId: uuid('label_id')
      .notNull()
      .references(() => labels.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    categoryId: uuid('category_id').references(() => categories.id),
    source: labelSource('source').notNull(),
  },
  (t) => [index('current_labels_category').on(t.categoryId)],
);
