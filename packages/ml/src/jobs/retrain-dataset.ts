import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import {
  type BlobStore,
  type Database,
  DEFAULT_KEPT_PREDICTION_VERSIONS,
  datasets,
  dropAbandonedPredictionTables,
  dropOldPredictions,
  modelVersions,
} from '@loupe/db';
import { and, desc, eq } from 'drizzle-orm';
import type { Embedder } from '../embed';
import { type HeadKind, type Hyperparameters, MlError, parseTrainingSettings } from '../heads';
import type { SplitOptions } from '../split';
import { type EmbeddingCache, ensureEmbeddings } from './ensure-embeddings';
import { loadDatasetImages } from './load-dataset-images';
import { type ComputedVersion, packImages } from './version-compute';
import { inThreadComputer, type VersionComputer } from './version-computer';
import { abandonPredictionLoad, startPredictionLoad, writeModelVersion } from './write-model-version';

export type JobContext = {
  db: Database;
  blobs: BlobStore;
  embedder: Embedder;
  embeddingCache?: EmbeddingCache;
  /** Where heads are trained and images predicted: the calling thread unless given (the app gives a worker). */
  computer?: VersionComputer;
};

export type RetrainOptions = {
  datasetId: string;
  head?: HeadKind;
  hyperparameters?: Partial<Hyperparameters>;
  split?: SplitOptions;
  /**
   * How many of the dataset's newest versions keep their predictions (the promoted version and those in
   * reader studies always do); older versions keep everything else.
   */
  keepPredictionsOfNewest?: number;
  signal?: AbortSignal;
  onProgress?: (progress: number, message?: string) => void;
};

export type JobOutcome =
  | {
      kind: 'created';
      modelVersionId: string;
      version: number;
      message: string;
      metrics: unknown;
      phasesMs: Record<string, number>;
    }
  | { kind: 'skipped'; code: string; message: string }
  | { kind: 'refreshed'; message: string };

/**
 * One training run: embed what is missing, split by study, train the head on the current labels of the
 * training studies (warm-started from the previous version), evaluate on the test studies, predict and
 * score every image, and write the version with its predictions in one transaction.
 */
export async function retrainDataset(ctx: JobContext, options: RetrainOptions): Promise<JobOutcome> {
  const progress = options.onProgress ?? (() => {});
  const started = Date.now();
  const phasesMs: Record<string, number> = {};
  let phaseStart = performance.now();
  const endPhase = (name: string) => {
    const now = performance.now();
    phasesMs[name] = Math.round(now - phaseStart);
    phaseStart = now;
  };
  const [dataset] = await ctx.db
    .select({ trainingSettings: datasets.trainingSettings })
    .from(datasets)
    .where(eq(datasets.id, options.datasetId));
  let settings: ReturnType<typeof parseTrainingSettings>;
  try {
    settings = parseTrainingSettings(dataset?.trainingSettings);
  } catch (error) {
    if (error instanceof MlError) return { kind: 'skipped', code: error.code, message: error.message };
    throw error;
  }
  // The dataset's own settings (a data scientist chose them) come before the process's defaults.
  const head = settings.head ?? options.head ?? 'linear';
  const hyperparameters = { ...options.hyperparameters, ...settings.hyperparameters };
  const images = await loadDatasetImages(ctx.db, options.datasetId);
  endPhase('loadImages');
  progress(0.05, `embedding ${images.length} images`);
  const embedded = await ensureEmbeddings({
    db: ctx.db,
    blobs: ctx.blobs,
    embedder: ctx.embedder,
    images,
    cache: ctx.embeddingCache,
    onProgress: (done, total) =>
      progress(0.05 + 0.6 * (done / Math.max(total, 1)), `embedded ${done}/${total}`),
  });
  endPhase('embeddings');
  const previous = await latestVersion(ctx.db, options.datasetId, ctx.embedder.backbone.id, head);
  const modelVersionId = randomUUID();
  const computer = ctx.computer ?? inThreadComputer;
  const packed = await packImages(images, embedded.vectors);
  endPhase('pack');
  // The predictions load into the version's table as the computing thread encodes them, not after.
  const chunks = new PassThrough({ objectMode: true });
  const load = startPredictionLoad(ctx.db, modelVersionId, chunks);
  let computed: ComputedVersion;
  let weightsSha256: string;
  try {
    computed = await computer
      .computeVersion(
        {
          images: packed,
          head,
          hyperparameters,
          split: options.split ?? {},
          warmStart: previous ? await ctx.blobs.get(previous.weightsSha256) : undefined,
          modelVersionId,
          backendName: ctx.embedder.backend.name,
        },
        { signal: options.signal, onProgress: progress, onCopyChunk: (text) => chunks.write(text) },
      )
      .finally(() => chunks.end());
    if (computed.kind === 'skipped') {
      await abandonPredictionLoad(ctx.db, load);
      return computed;
    }
    weightsSha256 = await ctx.blobs.put(computed.weights);
  } catch (error) {
    // No version comes of this run: what was loaded goes.
    chunks.end();
    await abandonPredictionLoad(ctx.db, load);
    throw error;
  }
  endPhase('compute'); // the phases below, and the handing over to and from the computing thread
  Object.assign(phasesMs, computed.phasesMs);
  const { evaluation } = computed;
  const metrics =
    evaluation.status === 'EVALUATED'
      ? evaluation.metrics
      : { status: evaluation.status, n: 0, message: evaluation.message };
  const created = await writeModelVersion(
    ctx.db,
    {
      id: modelVersionId,
      datasetId: options.datasetId,
      backbone: ctx.embedder.backbone.id,
      head,
      hyperparameters: computed.hyperparameters,
      categoryIds: computed.categoryIds,
      trainingSet: {
        labelIds: computed.trainLabelIds,
        trainCount: computed.counts.train,
        validationCount: computed.counts.validation,
        testCount: computed.counts.test,
      },
      split: { ...(options.split ?? {}), unit: 'study' },
      metrics,
      weightsSha256,
      parentId: computed.isWarmStarted ? previous?.id : undefined,
      trainingMs: Date.now() - started,
    },
    load,
  );
  endPhase('write');
  await dropOldPredictions(ctx.db, {
    datasetId: options.datasetId,
    keepNewest: options.keepPredictionsOfNewest ?? DEFAULT_KEPT_PREDICTION_VERSIONS,
  });
  // A run killed while loading its predictions left a table nothing reads; an hour is far longer than any load.
  await dropAbandonedPredictionTables(ctx.db, { olderThanMs: 60 * 60_000 });
  endPhase('dropOldPredictions');
  const accuracy =
    evaluation.status === 'EVALUATED'
      ? `, test accuracy ${(evaluation.metrics.accuracy * 100).toFixed(1)} %`
      : ', no labelled test images';
  return {
    kind: 'created',
    modelVersionId: created.id,
    version: created.version,
    metrics,
    phasesMs,
    message: `version ${created.version} from ${computed.counts.train} labels${accuracy}`,
  };
}

async function latestVersion(db: Database, datasetId: string, backbone: string, head: HeadKind) {
  const [row] = await db
    .select({ id: modelVersions.id, weightsSha256: modelVersions.weightsSha256 })
    .from(modelVersions)
    .where(
      and(
        eq(modelVersions.datasetId, datasetId),
        eq(modelVersions.backbone, backbone),
        eq(modelVersions.head, head),
      ),
    )
    .orderBy(desc(modelVersions.version))
    .limit(1);
  return row;
}
