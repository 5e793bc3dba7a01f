import { modelVersions, predictions, publishEvent } from '@loupe/db';
import { desc, eq } from 'drizzle-orm';
import { ensureEmbeddings } from './ensure-embeddings';
import { loadDatasetImages } from './load-dataset-images';
import type { JobContext, JobOutcome } from './retrain-dataset';
import { packImages } from './version-compute';
import { inThreadComputer } from './version-computer';

/**
 * After an import or a crop change: embed what is missing and predict the new images with the current model
 * version, so they show up in the queue without waiting for the next training run.
 */
export async function refreshPredictions(
  ctx: JobContext,
  options: { datasetId: string; onProgress?: (progress: number, message?: string) => void },
): Promise<JobOutcome> {
  const images = await loadDatasetImages(ctx.db, options.datasetId);
  const embedded = await ensureEmbeddings({
    db: ctx.db,
    blobs: ctx.blobs,
    embedder: ctx.embedder,
    images,
    cache: ctx.embeddingCache,
    onProgress: (done, total) =>
      options.onProgress?.(0.9 * (done / Math.max(total, 1)), `embedded ${done}/${total}`),
  });
  const [latest] = await ctx.db
    .select()
    .from(modelVersions)
    .where(eq(modelVersions.datasetId, options.datasetId))
    .orderBy(desc(modelVersions.version))
    .limit(1);
  const failed = embedded.failures.length ? `, ${embedded.failures.length} could not be embedded` : '';
  if (!latest || latest.backbone !== ctx.embedder.backbone.id) {
    return {
      kind: 'refreshed',
      message: `embedded ${embedded.computed} images${failed}; no model version to predict with yet`,
    };
  }
  const known = (
    await ctx.db
      .select({ imageId: predictions.imageId })
      .from(predictions)
      .where(eq(predictions.modelVersionId, latest.id))
  ).map((row) => row.imageId);
  const rows = await (ctx.computer ?? inThreadComputer).computePredictions({
    images: await packImages(images, embedded.vectors),
    head: await ctx.blobs.get(latest.weightsSha256),
    skipImageIds: known,
    backendName: ctx.embedder.backend.name,
  });
  for (let start = 0; start < rows.length; start += 500) {
    await ctx.db
      .insert(predictions)
      .values(rows.slice(start, start + 500).map((row) => ({ ...row, modelVersionId: latest.id })))
      .onConflictDoNothing();
  }
  if (rows.length > 0)
    await publishEvent(ctx.db, {
      type: 'queueChanged',
      datasetId: options.datasetId,
      reason: 'PREDICTIONS',
      imageIds: [],
    });
  return {
    kind: 'refreshed',
    message: `embedded ${embedded.computed} images${failed}; predicted ${rows.length} with version ${latest.version}`,
  };
}
