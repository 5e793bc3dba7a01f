import { type Database, readerStudies } from '@loupe/db';
import { and, eq, sql } from 'drizzle-orm';
import { AppError, notFound } from '../errors';
import type { ReaderStudyRow } from './create-reader-study';

const TRANSITIONS = {
  OPEN: { from: 'DRAFT', stamp: 'openedAt' },
  CLOSED: { from: 'OPEN', stamp: 'closedAt' },
} as const;

/**
 * Moves a reader study on: DRAFT → OPEN (readers may answer) or OPEN → CLOSED (answers are final). A study in
 * any other state is a CONFLICT and stays as it was; the update is conditional, so two requests cannot both win.
 */
export async function setReaderStudyState(
  db: Database,
  options: { studyId: string; state: keyof typeof TRANSITIONS },
): Promise<ReaderStudyRow> {
  const { from, stamp } = TRANSITIONS[options.state];
  const [moved] = await db
    .update(readerStudies)
    .set({ state: options.state, [stamp]: sql`now()` })
    .where(and(eq(readerStudies.id, options.studyId), eq(readerStudies.state, from)))
    .returning();
  if (moved) return moved;
  const [study] = await db.select().from(readerStudies).where(eq(readerStudies.id, options.studyId));
  if (!study) throw notFound('The reader study');
  throw new AppError(
    'CONFLICT',
    `The reader study is ${study.state}; only a ${from} study can become ${options.state}.`,
  );
}
