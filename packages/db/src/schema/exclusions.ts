import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { images } from './datasets';
import { users } from './users';

/**
 * Append-only exclusion events: an image left out of training, evaluation, predictions and the review queue
 * (with why), or brought back. Its state is its newest event, copied to `images.excluded_at` in the same
 * transaction; nothing is ever updated or deleted here, so the history is complete.
 */
export const imageExclusions = pgTable(
  'image_exclusions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    imageId: uuid('image_id')
      .notNull()
      .references(() => images.id, { onDelete: 'cascade' }),
    excluded: boolean('excluded').notNull(),
    reason: text('reason'),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('image_exclusions_image_seq').on(t.imageId, t.seq),
    check('image_exclusions_reason_when_excluded', sql`not ${t.excluded} or length(${t.reason}) > 0`),
  ],
);
