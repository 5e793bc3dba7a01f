import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { categoryAliases, datasets } from '@loupe/db';
import {
  CATEGORY_TEXTS,
  cropText,
  csvField,
  DEMO_CATEGORIES,
  generateDataset,
  writeDataset,
} from '@loupe/ml/synthetic';
import { count } from 'drizzle-orm';
import type { AppContext } from '../app-context';
import { findOrCreateCategory } from './find-or-create-category';
import { findOrCreateDataset } from './find-or-create-dataset';
import { type ImportReport, importFolder } from './import-folder';

export const DEMO_DATASET_NAME = 'demo-abdomen';
const IMAGES_PER_STUDY = 6;

/**
 * On an empty instance, generates the demo: synthetic abdominal views in 11 categories, grouped in studies,
 * with a crop box around each fan. A quarter of the studies come with curated labels; the technologist text
 * of the rest is mapped by alias rules for the plainest view names, so some images start labelled by rule
 * and many wait for the annotators.
 */
export async function seedDemoDataset(
  app: AppContext,
  options: { images: number },
): Promise<ImportReport | undefined> {
  if (options.images <= 0) return undefined;
  const [existing] = await app.database.db.select({ n: count() }).from(datasets);
  if ((existing?.n ?? 0) > 0) return undefined;
  const dataset = await findOrCreateDataset(app.database.db, { name: DEMO_DATASET_NAME });
  for (const name of DEMO_CATEGORIES) {
    const category = await findOrCreateCategory(app.database.db, { datasetId: dataset.id, name });
    const plainest = CATEGORY_TEXTS[name].texts[0];
    if (plainest) {
      await app.database.db
        .insert(categoryAliases)
        .values({
          datasetId: dataset.id,
          categoryId: category.id,
          pattern: plainest,
          match: 'CASE_INSENSITIVE',
        })
        .onConflictDoNothing();
    }
  }
  const plan = generateDataset({
    seed: 2017,
    studies: Math.max(1, Math.ceil(options.images / IMAGES_PER_STUDY)),
    imagesPerStudy: IMAGES_PER_STUDY,
  });
  const folder = await mkdtemp(join(tmpdir(), 'loupe-demo-'));
  try {
    await writeDataset(folder, plan);
    const rows = plan.studies.flatMap((study, index) =>
      study.images.map((image) =>
        [
          `${study.key}/${image.fileName}`,
          study.key,
          image.text,
          index % 4 === 0 ? image.category : '',
          cropText(image.sector),
        ]
          .map(csvField)
          .join(','),
      ),
    );
    const manifestPath = join(folder, 'demo-manifest.csv');
    await writeFile(manifestPath, `file,study,annotation,label,crop\n${rows.join('\n')}\n`);
    return await importFolder(app, { folder, manifestPath, datasetName: DEMO_DATASET_NAME });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
