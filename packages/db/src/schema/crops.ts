import { sql } from 'drizzle-orm';
import { check, integer, pgTable, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { images, studies } from './datasets';
import { users } from './users';

/** A crop box in image pixels, either for one image or the default for every image of a study. */
export const cropBoxes = pgTable(
  'crop_boxes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    imageId: uuid('image_id').references(() => images.id, { onDelete: 'cascade' }),
    studyId: uuid('study_id').references(() => studies.id, { onDelete: 'cascade' }),
    x: integer('x').notNull(),
    y: integer('y').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('crop_boxes_image').on(t.imageId),
    uniqueIndex('crop_boxes_study').on(t.studyId),
    check('crop_boxes_positive_area', sql`${t.width} > 0 and ${t.height} > 0`),
    check('crop_boxes_inside_origin', sql`${t.x} >= 0 and ${t.y} >= 0`),
    check('crop_boxes_one_owner', sql`(${t.imageId} is null) <> (${t.studyId} is null)`),
  ],
);
