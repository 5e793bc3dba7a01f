import { type Database, executeRows, modelVersions, versionsWithPredictions } from '@loupe/db';
import {
  assignSplit,
  type RaterCall,
  type RaterComparison,
  type RaterSummary,
  type SplitOptions,
  summarizeReaderStudy,
} from '@loupe/ml';
import { inArray, sql } from 'drizzle-orm';
import { AppError, badInput, notFound } from '../errors';

/** An image one version called right and the other wrong. */
export type DiscordantImage = {
  imageId: string;
  labelCategoryId: string;
  firstCategoryId: string;
  secondCategoryId: string;
  correct: 'FIRST' | 'SECOND';
};

export type ModelVersionComparison = {
  firstId: string;
  secondId: string;
  /** The images both versions are judged on. */
  imageCount: number;
  studyCount: number;
  /** Labelled test images left out because one version does not output their category. */
  otherCategoryImageCount: number;
  /** Labelled test images left out because one version has no prediction for them (imported after it). */
  unpredictedImageCount: number;
  first: RaterSummary;
  second: RaterSummary;
  paired: Omit<RaterComparison, 'firstKey' | 'secondKey'>;
  /** Ordered by image id. */
  discordant: DiscordantImage[];
};

type VersionRow = { id: string; datasetId: string; version: number; categoryIds: string[]; split: unknown };

type Row = {
  image_id: string;
  study_key: string;
  label_category_id: string;
  first_top1: string | null;
  first_top2: string | null;
  second_top1: string | null;
  second_top2: string | null;
};

/** The split options a version recorded (its `split` column holds them, with the unit beside them). */
function splitOptionsOf(version: VersionRow): SplitOptions {
  const { testFraction, validationFraction, seed } = (version.split ?? {}) as SplitOptions;
  return {
    ...(typeof testFraction === 'number' ? { testFraction } : {}),
    ...(typeof validationFraction === 'number' ? { validationFraction } : {}),
    ...(typeof seed === 'string' ? { seed } : {}),
  };
}

/**
 * Two model versions of one dataset on the same images, judged against today's labels: the images in use
 * (not excluded) that are on the test side of the split of both versions, whose current label is an active
 * category both versions output, and that both versions predicted. Reports each version's top-1 and top-2
 * accuracy there (Wilson and cluster-bootstrap intervals, studies as clusters), the paired outcome table with
 * McNemar's exact test and Cohen's kappa of their first choices, and the images only one of them got right.
 *
 * A version's own metrics were computed on the test images labelled when it was trained; two versions' own
 * metrics therefore rest on different images and labels, and only a paired comparison like this one says
 * whether one is better than the other.
 */
export async function compareModelVersions(
  db: Database,
  input: { firstId: string; secondId: string },
): Promise<ModelVersionComparison> {
  if (input.firstId === input.secondId) {
    throw badInput('Choose two different model versions to compare.');
  }
  const versions = await db
    .select({
      id: modelVersions.id,
      datasetId: modelVersions.datasetId,
      version: modelVersions.version,
      categoryIds: modelVersions.categoryIds,
      split: modelVersions.split,
    })
    .from(modelVersions)
    .where(inArray(modelVersions.id, [input.firstId, input.secondId]));
  const first = versions.find((row) => row.id === input.firstId);
  const second = versions.find((row) => row.id === input.secondId);
  if (!first) throw notFound('The first model version');
  if (!second) throw notFound('The second model version');
  if (first.datasetId !== second.datasetId) {
    throw badInput('Only two model versions of the same dataset can be compared.');
  }
  const stored = await versionsWithPredictions(db, [first.id, second.id]);
  const dropped = [first, second].filter((version) => !stored.has(version.id));
  if (dropped.length > 0) {
    throw new AppError(
      'CONFLICT',
      `The predictions of version ${dropped.map((version) => version.version).join(' and ')} are no longer stored ` +
        '(only the newest versions, the promoted one and those in reader studies keep them), so it cannot be compared. ' +
        'Promote a version to keep its predictions for later comparisons.',
    );
  }

  const [rows, merged] = await Promise.all([
    executeRows<Row>(
      db,
      sql`select i.id as image_id, s.key as study_key, cur.category_id as label_category_id,
          pa.top1_category_id as first_top1, pa.top2_category_id as first_top2,
          pb.top1_category_id as second_top1, pb.top2_category_id as second_top2
        from images i
        join studies s on s.id = i.study_id
        join current_labels cur on cur.image_id = i.id
        join categories c on c.id = cur.category_id and c.merged_into_id is null and c.archived_at is null
        left join predictions pa on pa.model_version_id = ${first.id}::uuid and pa.image_id = i.id
        left join predictions pb on pb.model_version_id = ${second.id}::uuid and pb.image_id = i.id
        where i.dataset_id = ${first.datasetId}::uuid and i.excluded_at is null
        order by i.id`,
    ),
    executeRows<{ id: string; merged_into_id: string }>(
      db,
      sql`select id, merged_into_id from categories
        where dataset_id = ${first.datasetId}::uuid and merged_into_id is not null`,
    ),
  ]);

  // A version trained before a merge outputs (and predicted) the merged category: it counts as the survivor.
  const mergedInto = new Map(merged.map((row) => [row.id, row.merged_into_id]));
  const survivor = (categoryId: string): string => {
    let current = categoryId;
    for (let hops = 0; hops < 100 && mergedInto.has(current); hops++)
      current = mergedInto.get(current) as string;
    return current;
  };
  const outputs = [first, second].map((version) => new Set(version.categoryIds.map(survivor)));
  const splits = [first, second].map(splitOptionsOf);

  const classes: string[] = [];
  const classOf = (categoryId: string) => {
    let index = classes.indexOf(categoryId);
    if (index < 0) index = classes.push(categoryId) - 1;
    return index;
  };
  const callOf = (top1: string | null, top2: string | null): RaterCall | null =>
    top1 === null
      ? null
      : { first: classOf(survivor(top1)), second: top2 === null ? null : classOf(survivor(top2)) };

  const kept: { row: Row; truth: number; firstCall: RaterCall; secondCall: RaterCall }[] = [];
  let otherCategoryImageCount = 0;
  let unpredictedImageCount = 0;
  for (const row of rows) {
    if (!splits.every((options) => assignSplit(row.study_key, options) === 'TEST')) continue;
    if (!outputs.every((categories) => categories.has(row.label_category_id))) {
      otherCategoryImageCount += 1;
      continue;
    }
    const firstCall = callOf(row.first_top1, row.first_top2);
    const secondCall = callOf(row.second_top1, row.second_top2);
    if (!firstCall || !secondCall) {
      unpredictedImageCount += 1;
      continue;
    }
    kept.push({ row, truth: classOf(row.label_category_id), firstCall, secondCall });
  }

  const summary = summarizeReaderStudy({
    truth: kept.map((item) => item.truth),
    clusters: kept.map((item) => item.row.study_key),
    classCount: Math.max(1, classes.length),
    raters: [
      { key: 'first', calls: kept.map((item) => item.firstCall) },
      { key: 'second', calls: kept.map((item) => item.secondCall) },
    ],
    bootstrap: { seed: `${first.id}:${second.id}` },
  });
  const [firstSummary, secondSummary] = summary.raters as [RaterSummary, RaterSummary];
  const { firstKey: _first, secondKey: _second, ...paired } = summary.comparisons[0] as RaterComparison;
  const discordant: DiscordantImage[] = [];
  for (const { row, truth, firstCall, secondCall } of kept) {
    const firstRight = firstCall.first === truth;
    if (firstRight === (secondCall.first === truth)) continue;
    discordant.push({
      imageId: row.image_id,
      labelCategoryId: row.label_category_id,
      firstCategoryId: classes[firstCall.first] as string,
      secondCategoryId: classes[secondCall.first] as string,
      correct: firstRight ? 'FIRST' : 'SECOND',
    });
  }
  discordant.sort((a, b) => (a.imageId < b.imageId ? -1 : a.imageId > b.imageId ? 1 : 0));
  return {
    firstId: first.id,
    secondId: second.id,
    imageCount: kept.length,
    studyCount: new Set(kept.map((item) => item.row.study_key)).size,
    otherCategoryImageCount,
    unpredictedImageCount,
    first: firstSummary,
    second: secondSummary,
    paired,
    discordant,
  };
}
