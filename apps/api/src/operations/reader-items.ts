import { type Database, readerAssignments, readerReads, readerStudies, readerStudyImages } from '@loupe/db';
import { createRandom, shuffleInPlace } from '@loupe/ml';
import { and, eq } from 'drizzle-orm';
import type { ReaderStudyView } from './create-reader-study';

/**
 * The order in which one reader sees a study's images: a shuffle seeded by study and reader, so every call
 * (and every pause and resume) gives the same order, and two readers get different ones.
 */
export function readerItemOrder(
  studyImageIds: readonly string[],
  studyId: string,
  readerId: string,
): string[] {
  const order = [...studyImageIds].sort();
  shuffleInPlace(order, createRandom(`reader-study:${studyId}:${readerId}`));
  return order;
}

/** The position of the first image in `order` the reader has not answered, or null when all are answered. */
export function firstUnanswered(order: readonly string[], answered: ReadonlySet<string>): number | null {
  const position = order.findIndex((id) => !answered.has(id));
  return position < 0 ? null : position;
}

/**
 * How a reader may see an image: WHOLE_IMAGE or CROP when it belongs to an OPEN study they are assigned to
 * (the whole image when any such study shows it whole), else null.
 */
export async function readerImageView(
  db: Database,
  readerId: string,
  imageId: string,
): Promise<ReaderStudyView | null> {
  const rows = await db
    .selectDistinct({ view: readerStudies.view })
    .from(readerStudyImages)
    .innerJoin(readerStudies, eq(readerStudies.id, readerStudyImages.studyId))
    .innerJoin(readerAssignments, eq(readerAssignments.studyId, readerStudies.id))
    .where(
      and(
        eq(readerStudyImages.imageId, imageId),
        eq(readerStudies.state, 'OPEN'),
        eq(readerAssignments.readerId, readerId),
      ),
    );
  if (rows.some((row) => row.view === 'WHOLE_IMAGE')) return 'WHOLE_IMAGE';
  return rows.length ? 'CROP' : null;
}

export type ReaderReadRow = typeof readerReads.$inferSelect;
