import {
  categories,
  type Database,
  modelVersions,
  readerAssignments,
  readerStudies,
  readerStudyCategories,
  readerStudyImages,
  readerStudyModels,
  users,
  versionsWithPredictions,
} from '@loupe/db';
import { stratifiedSample } from '@loupe/ml';
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { badInput, notFound } from '../errors';
import { requireDataset } from './find-or-create-dataset';
import { findReaderStudyCandidates, type ReaderStudyCandidate } from './reader-study-candidates';

export type ReaderStudyView = 'CROP' | 'WHOLE_IMAGE';

/** Database ids. Left out: the labelled test images, the live categories, the newest model version. */
export type CreateReaderStudyOptions = {
  datasetId: string;
  name: string;
  view: ReaderStudyView;
  readerIds: readonly string[];
  imageIds?: readonly string[] | null;
  /** Draw this many of the images, stratified by reference category. */
  sampleSize?: number | null;
  sampleSeed?: string | null;
  categoryIds?: readonly string[] | null;
  modelVersionIds?: readonly string[] | null;
  createdBy: string | null;
};

export type ReaderStudyRow = typeof readerStudies.$inferSelect;

const distinct = (ids: readonly string[], what: string) => {
  if (new Set(ids).size !== ids.length) throw badInput(`The same ${what} is named twice.`);
  return ids;
};

async function resolveCategories(db: Database, datasetId: string, ids: readonly string[] | null | undefined) {
  const live = await db
    .select({ id: categories.id })
    .from(categories)
    .where(
      and(
        eq(categories.datasetId, datasetId),
        isNull(categories.mergedIntoId),
        isNull(categories.archivedAt),
      ),
    )
    .orderBy(asc(categories.position), asc(categories.name));
  const liveIds = live.map((row) => row.id);
  const chosen = ids ? distinct(ids, 'category') : liveIds;
  if (chosen.some((id) => !liveIds.includes(id)))
    throw badInput('Every category offered must be a live (not merged or archived) category of the dataset.');
  if (chosen.length < 2) throw badInput('A reader study offers at least two categories.');
  return chosen;
}

async function resolveReaders(db: Database, ids: readonly string[]) {
  if (ids.length === 0) throw badInput('A reader study needs at least one reader.');
  const rows = await db
    .select()
    .from(users)
    .where(inArray(users.id, [...distinct(ids, 'reader')]));
  if (rows.length !== ids.length) throw notFound('A reader');
  const wrong = rows.find((user) => user.role !== 'READER' || user.disabledAt);
  if (wrong) throw badInput(`${wrong.email} is not an active user with role READER.`);
  return ids;
}

async function resolveModelVersions(
  db: Database,
  datasetId: string,
  ids: readonly string[] | null | undefined,
) {
  if (!ids) {
    const [newest] = await db
      .select({ id: modelVersions.id })
      .from(modelVersions)
      .where(eq(modelVersions.datasetId, datasetId))
      .orderBy(desc(modelVersions.version))
      .limit(1);
    return newest ? [newest.id] : [];
  }
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: modelVersions.id })
    .from(modelVersions)
    .where(
      and(
        eq(modelVersions.datasetId, datasetId),
        inArray(modelVersions.id, [...distinct(ids, 'model version')]),
      ),
    );
  if (rows.length !== ids.length) throw notFound('A model version of this dataset');
  const kept = await versionsWithPredictions(db, ids);
  if (ids.some((id) => !kept.has(id)))
    throw badInput(
      "A model version's predictions are no longer stored (only a dataset's newest versions, its promoted one and those in reader studies keep them): choose a newer version.",
    );
  return ids;
}

function chooseImages(
  candidates: ReaderStudyCandidate[],
  options: CreateReaderStudyOptions,
  offered: readonly string[],
): ReaderStudyCandidate[] {
  let chosen = candidates.filter((image) => image.split === 'TEST' && offered.includes(image.categoryId));
  if (options.imageIds) {
    const byId = new Map(candidates.map((image) => [image.imageId, image]));
    chosen = distinct(options.imageIds, 'image').map((id) => {
      const image = byId.get(id);
      if (!image) throw badInput('Every image must be a labelled image of the dataset.');
      if (!offered.includes(image.categoryId))
        throw badInput("An image's reference category is not among the categories offered.");
      return image;
    });
  }
  if (typeof options.sampleSize === 'number') {
    if (!Number.isInteger(options.sampleSize) || options.sampleSize < 1 || options.sampleSize > chosen.length)
      throw badInput(`sampleSize must be a whole number from 1 to ${chosen.length}.`);
    chosen = stratifiedSample(
      chosen,
      (image) => image.categoryId,
      options.sampleSize,
      options.sampleSeed ?? '',
    );
  }
  if (chosen.length === 0) throw badInput('A reader study needs at least one labelled image.');
  if (options.view === 'CROP' && chosen.some((image) => !image.hasCrop))
    throw badInput('A crop-only study needs a crop box on every image: crop them or choose WHOLE_IMAGE.');
  return chosen;
}

/**
 * Creates a DRAFT reader study in one transaction: the images with their current labels as reference (fixed
 * from now on), the categories offered, the readers and the model versions to compare.
 */
export async function createReaderStudy(
  db: Database,
  options: CreateReaderStudyOptions,
): Promise<ReaderStudyRow> {
  const name = options.name.trim();
  if (!name) throw badInput('A reader study needs a name.');
  await requireDataset(db, options.datasetId);
  const categoryIds = await resolveCategories(db, options.datasetId, options.categoryIds);
  const readerIds = await resolveReaders(db, options.readerIds);
  const modelVersionIds = await resolveModelVersions(db, options.datasetId, options.modelVersionIds);
  const sampleSeed = typeof options.sampleSize === 'number' ? (options.sampleSeed ?? 'loupe') : null;
  const chosen = chooseImages(
    await findReaderStudyCandidates(db, options.datasetId),
    { ...options, sampleSeed },
    categoryIds,
  );
  return db.transaction(async (tx) => {
    const [study] = await tx
      .insert(readerStudies)
      .values({
        datasetId: options.datasetId,
        name,
        view: options.view,
        sampleSeed,
        createdBy: options.createdBy,
      })
      .returning();
    const studyId = study!.id;
    await tx
      .insert(readerStudyCategories)
      .values(categoryIds.map((categoryId, position) => ({ studyId, categoryId, position })));
    await tx.insert(readerAssignments).values(readerIds.map((readerId) => ({ studyId, readerId })));
    if (modelVersionIds.length)
      await tx
        .insert(readerStudyModels)
        .values(modelVersionIds.map((modelVersionId) => ({ studyId, modelVersionId })));
    for (let start = 0; start < chosen.length; start += 1000) {
      await tx
        .insert(readerStudyImages)
        .values(
          chosen
            .slice(start, start + 1000)
            .map((image) => ({ studyId, imageId: image.imageId, referenceCategoryId: image.categoryId })),
        );
    }
    return study!;
  });
}
