import {
  type Database,
  readerAssignments,
  readerReads,
  readerStudies,
  readerStudyCategories,
  readerStudyImages,
} from '@loupe/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { AppError, badInput, notFound } from '../errors';
import type { ReaderReadRow } from './reader-items';

/** A day: a longer reading time is a client's clock error, not a reading. */
const MAX_TIME_MS = 86_400_000;

export type ReaderAnswer = {
  readerId: string;
  studyImageId: string;
  categoryId: string;
  secondCategoryId?: string | null;
  confidence?: number | null;
  /** Time spent on the image, measured by the client; a revision adds its time to the answer's. */
  timeMs: number;
};

function validate(answer: ReaderAnswer): void {
  if (answer.secondCategoryId === answer.categoryId)
    throw badInput('The second choice must differ from the first.');
  const { confidence, timeMs } = answer;
  if (
    confidence !== null &&
    confidence !== undefined &&
    !(Number.isInteger(confidence) && confidence >= 1 && confidence <= 5)
  )
    throw badInput('Confidence is a whole number from 1 to 5.');
  if (!(Number.isInteger(timeMs) && timeMs >= 0 && timeMs <= MAX_TIME_MS))
    throw badInput(`timeMs is a whole number of milliseconds from 0 to ${MAX_TIME_MS}.`);
}

/**
 * Records (or revises) a reader's answer for one image of a study they are assigned to. The study row is
 * share-locked for the transaction, so an answer lands before a close or is refused after it (CONFLICT).
 */
export async function submitReaderAnswer(db: Database, answer: ReaderAnswer): Promise<ReaderReadRow> {
  validate(answer);
  return db.transaction(async (tx) => {
    const [item] = await tx
      .select({ studyId: readerStudyImages.studyId, assignmentId: readerAssignments.id })
      .from(readerStudyImages)
      .innerJoin(readerAssignments, eq(readerAssignments.studyId, readerStudyImages.studyId))
      .where(
        and(eq(readerStudyImages.id, answer.studyImageId), eq(readerAssignments.readerId, answer.readerId)),
      );
    if (!item) throw notFound('The reader study image');
    const [study] = await tx
      .select({ state: readerStudies.state })
      .from(readerStudies)
      .where(eq(readerStudies.id, item.studyId))
      .for('share');
    if (study?.state !== 'OPEN')
      throw new AppError(
        'CONFLICT',
        `The reader study is ${study?.state}: answers are taken only while it is OPEN.`,
      );
    const named = [answer.categoryId, ...(answer.secondCategoryId ? [answer.secondCategoryId] : [])];
    const offered = await tx
      .select({ id: readerStudyCategories.categoryId })
      .from(readerStudyCategories)
      .where(
        and(
          eq(readerStudyCategories.studyId, item.studyId),
          inArray(readerStudyCategories.categoryId, named),
        ),
      );
    if (offered.length !== named.length) throw badInput('The study does not offer that category.');
    const values = {
      categoryId: answer.categoryId,
      secondCategoryId: answer.secondCategoryId ?? null,
      confidence: answer.confidence ?? null,
    };
    const [read] = await tx
      .insert(readerReads)
      .values({
        ...values,
        studyId: item.studyId,
        assignmentId: item.assignmentId,
        studyImageId: answer.studyImageId,
        timeMs: answer.timeMs,
      })
      .onConflictDoUpdate({
        target: [readerReads.assignmentId, readerReads.studyImageId],
        set: {
          ...values,
          timeMs: sql`${readerReads.timeMs} + ${answer.timeMs}`,
          revisions: sql`${readerReads.revisions} + 1`,
          updatedAt: sql`now()`,
        },
      })
      .returning();
    return read!;
  });
}
