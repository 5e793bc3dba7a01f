import type { Database } from '@loupe/db';
import { executeRows } from '@loupe/db';
import type { SplitName } from '@loupe/ml';
import { sql } from 'drizzle-orm';
import { imageRowsClause } from './dataset-image-rows';

export type SplitComposition = {
  split: SplitName;
  studyCount: number;
  imageCount: number;
  labelledImageCount: number;
};

export type DatasetComposition = {
  studyCount: number;
  imageCount: number;
  labelledImageCount: number;
  /** TRAIN, VALIDATION and TEST, each present even when empty. */
  splits: SplitComposition[];
};

const SPLITS: SplitName[] = ['TRAIN', 'VALIDATION', 'TEST'];

/**
 * What a dataset holds, as a paper describes its data ("185 studies, 4,094 train / 1,423 test images"):
 * studies with images, images and labelled images, in all and per split (split by study, as training splits).
 */
export async function describeDataset(db: Database, datasetId: string): Promise<DatasetComposition> {
  const rows = await executeRows<{ split: SplitName; studies: number; images: number; labelled: number }>(
    db,
    sql`${imageRowsClause(datasetId)}
      select split, count(distinct study_id)::int as studies, count(*)::int as images,
        count(label_category_id)::int as labelled
      from image_rows group by split`,
  );
  const splits = SPLITS.map((split) => {
    const row = rows.find((candidate) => candidate.split === split);
    return {
      split,
      studyCount: Number(row?.studies ?? 0),
      imageCount: Number(row?.images ?? 0),
      labelledImageCount: Number(row?.labelled ?? 0),
    };
  });
  const total = (key: 'studyCount' | 'imageCount' | 'labelledImageCount') =>
    splits.reduce((sum, split) => sum + split[key], 0);
  return {
    studyCount: total('studyCount'),
    imageCount: total('imageCount'),
    labelledImageCount: total('labelledImageCount'),
    splits,
  };
}
