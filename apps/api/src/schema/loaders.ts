import {
  annotations,
  categories,
  cropBoxes,
  type Database,
  datasets,
  findCurrentLabels,
  imageExclusions,
  images,
  labels,
  modelVersions,
  predictions,
  studies,
  users,
  versionsWithPredictions,
} from '@loupe/db';
import DataLoader from 'dataloader';
import { count, desc, eq, inArray, or } from 'drizzle-orm';
import { createAliasLoaders } from './alias-loaders';
import { type ModelVersionSummary, modelVersionColumns } from './model-version';

type Row<T extends { $inferSelect: unknown }> = T['$inferSelect'];

function byId<T extends { id: string }>(rows: T[], ids: readonly string[]): (T | undefined)[] {
  const map = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => map.get(id));
}

/** Rows grouped per image id, in the order of `imageIds`, each group in the rows' order. */
function byImage<T extends { imageId: string }>(rows: T[], imageIds: readonly string[]): T[][] {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.imageId);
    if (list) list.push(row);
    else map.set(row.imageId, [row]);
  }
  return imageIds.map((id) => map.get(id) ?? []);
}

/** Batches per-row lookups of one request into one statement each (no N+1). */
export function createLoaders(db: Database) {
  const user = new DataLoader<string, Row<typeof users> | undefined>(async (ids) =>
    byId(
      await db
        .select()
        .from(users)
        .where(inArray(users.id, [...ids])),
      ids,
    ),
  );
  /** Authors read with their events: asking who made an event then needs no statement of its own. */
  const primeAuthors = (rows: { author: Row<typeof users> | null }[]) => {
    for (const { author } of rows) if (author) user.prime(author.id, author);
  };
  return {
    dataset: new DataLoader<string, Row<typeof datasets> | undefined>(async (ids) =>
      byId(
        await db
          .select()
          .from(datasets)
          .where(inArray(datasets.id, [...ids])),
        ids,
      ),
    ),
    study: new DataLoader<string, Row<typeof studies> | undefined>(async (ids) =>
      byId(
        await db
          .select()
          .from(studies)
          .where(inArray(studies.id, [...ids])),
        ids,
      ),
    ),
    image: new DataLoader<string, Row<typeof images> | undefined>(async (ids) =>
      byId(
        await db
          .select()
          .from(images)
          .where(inArray(images.id, [...ids])),
        ids,
      ),
    ),
    user,
    category: new DataLoader<string, Row<typeof categories> | undefined>(async (ids) =>
      byId(
        await db
          .select()
          .from(categories)
          .where(inArray(categories.id, [...ids])),
        ids,
      ),
    ),
    /** Each image's annotation (at most one), by image id. */
    annotation: new DataLoader<string, Row<typeof annotations> | null>(async (imageIds) => {
      const rows = await db
        .select()
        .from(annotations)
        .where(inArray(annotations.imageId, [...imageIds]));
      const map = new Map(rows.map((row) => [row.imageId, row]));
      return imageIds.map((id) => map.get(id) ?? null);
    }),
    currentLabel: new DataLoader(async (imageIds: readonly string[]) => {
      const map = await findCurrentLabels(db, imageIds);
      return imageIds.map((id) => map.get(id));
    }),
    /** The newest model version's prediction of each image, with that version's output order. */
    prediction: new DataLoader(async (imageIds: readonly string[]) => {
      const rows = await db
        .selectDistinctOn([predictions.imageId], {
          prediction: predictions,
          categoryIds: modelVersions.categoryIds,
        })
        .from(predictions)
        .innerJoin(modelVersions, eq(modelVersions.id, predictions.modelVersionId))
        .where(inArray(predictions.imageId, [...imageIds]))
        .orderBy(predictions.imageId, desc(modelVersions.version));
      const map = new Map(
        rows.map((row) => [row.prediction.imageId, { ...row.prediction, categoryIds: row.categoryIds }]),
      );
      return imageIds.map((id) => map.get(id) ?? null);
    }),
    /** Whether each model version's predictions are still stored (older ones are dropped). */
    hasPredictions: new DataLoader(async (ids: readonly string[]) => {
      const kept = await versionsWithPredictions(db, ids);
      return ids.map((id) => kept.has(id));
    }),
    modelVersion: new DataLoader<string, ModelVersionSummary | undefined>(async (ids) =>
      byId(
        await db
          .select(modelVersionColumns)
          .from(modelVersions)
          .where(inArray(modelVersions.id, [...ids])),
        ids,
      ),
    ),
    /** Each image's effective crop box: its own, else its study's default. */
    cropBox: new DataLoader(
      async (keys: readonly { imageId: string; studyId: string }[]) => {
        const rows = await db
          .select()
          .from(cropBoxes)
          .where(
            or(
              inArray(
                cropBoxes.imageId,
                keys.map((key) => key.imageId),
              ),
              inArray(
                cropBoxes.studyId,
                keys.map((key) => key.studyId),
              ),
            ),
          );
        return keys.map(
          (key) =>
            rows.find((row) => row.imageId === key.imageId) ??
            rows.find((row) => row.studyId === key.studyId) ??
            null,
        );
      },
      { cacheKeyFn: (key) => key.imageId },
    ),
    /** The default crop box of each study (for its images without one of their own). */
    studyCropBox: new DataLoader<string, Row<typeof cropBoxes> | null>(async (studyIds) => {
      const rows = await db
        .select()
        .from(cropBoxes)
        .where(inArray(cropBoxes.studyId, [...studyIds]));
      return studyIds.map((id) => rows.find((row) => row.studyId === id) ?? null);
    }),
    studyImageCount: new DataLoader<string, number>(async (studyIds) => {
      const rows = await db
        .select({ studyId: images.studyId, n: count() })
        .from(images)
        .where(inArray(images.studyId, [...studyIds]))
        .groupBy(images.studyId);
      const map = new Map(rows.map((row) => [row.studyId, row.n]));
      return studyIds.map((id) => map.get(id) ?? 0);
    }),
    /** Every label event of each image, newest first (their authors go to the user loader). */
    labelHistory: new DataLoader<string, Row<typeof labels>[]>(async (imageIds) => {
      const rows = await db
        .select({ label: labels, author: users })
        .from(labels)
        .leftJoin(users, eq(users.id, labels.authorId))
        .where(inArray(labels.imageId, [...imageIds]))
        .orderBy(labels.imageId, desc(labels.seq));
      primeAuthors(rows);
      return byImage(
        rows.map((row) => row.label),
        imageIds,
      );
    }),
    /** Every exclusion event of each image, newest first (their authors go to the user loader). */
    exclusionHistory: new DataLoader<string, Row<typeof imageExclusions>[]>(async (imageIds) => {
      const rows = await db
        .select({ exclusion: imageExclusions, author: users })
        .from(imageExclusions)
        .leftJoin(users, eq(users.id, imageExclusions.authorId))
        .where(inArray(imageExclusions.imageId, [...imageIds]))
        .orderBy(imageExclusions.imageId, desc(imageExclusions.seq));
      primeAuthors(rows);
      return byImage(
        rows.map((row) => row.exclusion),
        imageIds,
      );
    }),
    ...createAliasLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** After a label write: the current label and the history of that image (or, without one, of every image). */
export function forgetLabels(loaders: Loaders, imageId?: string): void {
  if (imageId === undefined) {
    loaders.currentLabel.clearAll();
    loaders.labelHistory.clearAll();
  } else {
    loaders.currentLabel.clear(imageId);
    loaders.labelHistory.clear(imageId);
  }
}
