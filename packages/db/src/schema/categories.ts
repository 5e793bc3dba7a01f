import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { datasets } from './datasets';
import { aliasMatch } from './enums';
import { users } from './users';

export const categories = pgTable(
  'categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    color: text('color'),
    position: integer('position').notNull().default(0),
    /** Set when this category was merged into another; its labels were re-pointed there. */
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => categories.id),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Names are unique (ignoring case) among the categories still in use.
    uniqueIndex('categories_dataset_name_live')
      .on(t.datasetId, sql`lower(${t.name})`)
      .where(sql`${t.mergedIntoId} is null`),
  ],
);

/** Every rename, merge and archive of a category, so curation is auditable. */
export const categoryEvents = pgTable(
  'category_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    detail: text('detail').notNull().default('{}'),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('category_events_category').on(t.categoryId)],
);

/** A rule mapping technologist text to a category. */
export const categoryAliases = pgTable(
  'category_aliases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
    pattern: text('pattern').notNull(),
    match: aliasMatch('match').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('category_aliases_rule').on(t.datasetId, t.match, t.pattern),
    index('category_aliases_category').on(t.categoryId),
  ],
);
