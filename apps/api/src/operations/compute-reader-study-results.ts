import {
  type Database,
  images,
  modelVersions,
  predictions,
  readerAssignments,
  readerReads,
  readerStudyCategories,
  readerStudyImages,
  readerStudyModels,
} from '@loupe/db';
import { type Rater, type RaterSummary, type ReaderStudySummary, summarizeReaderStudy } from '@loupe/ml';
import { and, asc, eq } from 'drizzle-orm';

export type RaterResult = RaterSummary &
  ({ kind: 'READER'; readerId: string; assignmentId: string } | { kind: 'MODEL'; modelVersionId: string });

export type ReaderStudyResults = Omit<ReaderStudySummary, 'raters'> & {
  /** The classes of every matrix and per-class list: the categories offered, then any other a model called. */
  categoryIds: string[];
  imageCount: number;
  /** Exams the images come from: the clusters of the bootstrap. */
  studyCount: number;
  raters: RaterResult[];
};

async function loadStudy(db: Database, studyId: string) {
  const [items, offered, assignments, reads, models, predicted] = await Promise.all([
    db
      .select({
        id: readerStudyImages.id,
        imageId: readerStudyImages.imageId,
        reference: readerStudyImages.referenceCategoryId,
        exam: images.studyId,
      })
      .from(readerStudyImages)
      .innerJoin(images, eq(images.id, readerStudyImages.imageId))
      .where(eq(readerStudyImages.studyId, studyId))
      .orderBy(asc(readerStudyImages.id)),
    db
      .select({ id: readerStudyCategories.categoryId })
      .from(readerStudyCategories)
      .where(eq(readerStudyCategories.studyId, studyId))
      .orderBy(asc(readerStudyCategories.position)),
    db
      .select()
      .from(readerAssignments)
      .where(eq(readerAssignments.studyId, studyId))
      .orderBy(asc(readerAssignments.createdAt), asc(readerAssignments.id)),
    db.select().from(readerReads).where(eq(readerReads.studyId, studyId)),
    db
      .select({ id: modelVersions.id })
      .from(readerStudyModels)
      .innerJoin(modelVersions, eq(modelVersions.id, readerStudyModels.modelVersionId))
      .where(eq(readerStudyModels.studyId, studyId))
      .orderBy(asc(modelVersions.version)),
    db
      .select({
        modelVersionId: predictions.modelVersionId,
        imageId: predictions.imageId,
        top1: predictions.top1CategoryId,
        top2: predictions.top2CategoryId,
      })
      .from(predictions)
      .innerJoin(readerStudyModels, eq(readerStudyModels.modelVersionId, predictions.modelVersionId))
      .innerJoin(
        readerStudyImages,
        and(
          eq(readerStudyImages.studyId, readerStudyModels.studyId),
          eq(readerStudyImages.imageId, predictions.imageId),
        ),
      )
      .where(eq(readerStudyModels.studyId, studyId)),
  ]);
  return { items, offered, assignments, reads, models, predicted };
}

/**
 * The results of a reader study: every reader and every model version compared with the reference labels
 * fixed at creation, on the study's images (see `summarizeReaderStudy`). A model's calls are its stored top-1
 * and top-2 predictions; an image it never predicted counts as unanswered.
 */
export async function computeReaderStudyResults(db: Database, studyId: string): Promise<ReaderStudyResults> {
  const { items, offered, assignments, reads, models, predicted } = await loadStudy(db, studyId);
  const categoryIds = offered.map((row) => row.id);
  const classOf = (categoryId: string) => {
    let index = categoryIds.indexOf(categoryId);
    if (index < 0) index = categoryIds.push(categoryId) - 1;
    return index;
  };
  const truth = items.map((item) => classOf(item.reference));
  const position = new Map(items.map((item, i) => [item.id, i]));
  const positionOfImage = new Map(items.map((item, i) => [item.imageId, i]));
  const readers: Rater[] = assignments.map((assignment) => ({
    key: `reader:${assignment.id}`,
    calls: items.map(() => null),
  }));
  const readerIndex = new Map(assignments.map((assignment, i) => [assignment.id, i]));
  for (const read of reads) {
    const calls = readers[readerIndex.get(read.assignmentId) ?? -1]?.calls as Rater['calls'][number][];
    const i = position.get(read.studyImageId);
    if (!calls || i === undefined) continue;
    calls[i] = {
      first: classOf(read.categoryId),
      second: read.secondCategoryId ? classOf(read.secondCategoryId) : null,
      timeMs: read.timeMs,
    };
  }
  const machines: Rater[] = models.map((model) => ({
    key: `model:${model.id}`,
    calls: items.map(() => null),
  }));
  const modelIndex = new Map(models.map((model, i) => [model.id, i]));
  for (const prediction of predicted) {
    const calls = machines[modelIndex.get(prediction.modelVersionId) ?? -1]
      ?.calls as Rater['calls'][number][];
    const i = positionOfImage.get(prediction.imageId);
    if (!calls || i === undefined || !prediction.top1) continue;
    calls[i] = { first: classOf(prediction.top1), second: prediction.top2 ? classOf(prediction.top2) : null };
  }
  const summary = summarizeReaderStudy({
    truth,
    clusters: items.map((item) => item.exam),
    classCount: categoryIds.length,
    raters: [...readers, ...machines],
    bootstrap: { seed: studyId },
  });
  const raters = summary.raters.map((rater, i): RaterResult => {
    const assignment = assignments[i];
    return assignment
      ? { ...rater, kind: 'READER', readerId: assignment.readerId, assignmentId: assignment.id }
      : { ...rater, kind: 'MODEL', modelVersionId: models[i - assignments.length]!.id };
  });
  return {
    categoryIds,
    imageCount: items.length,
    studyCount: new Set(items.map((item) => item.exam)).size,
    raters,
    comparisons: summary.comparisons,
  };
}
