import {
  type BlobStore,
  type Database,
  DEFAULT_KEPT_PREDICTION_VERSIONS,
  datasets,
  dropOldPredictions,
  modelVersions,
} from '@loupe/db';
import { and, desc, eq } from 'drizzle-orm';
import { ensureTensorBackend } from '../backend';
import type { Embedder } from '../embed';
import {
  deserializeHead,
  type HeadKind,
  type Hyperparameters,
  MlError,
  parseTrainingSettings,
  predictProbabilities,
  resolveHyperparameters,
  type SerializedHead,
  serializeHead,
  trainHead,
} from '../heads';
import { evaluate } from '../metrics';
import type { SplitOptions } from '../split';
import { buildTrainingSets } from './build-training-sets';
import { type EmbeddingCache, ensureEmbeddings } from './ensure-embeddings';
import { loadDatasetImages } from './load-dataset-images';
import { predictionRows } from './prediction-rows';
import { writeModelVersion } from './write-model-version';

export type JobContext = {
  db: Database;
  blobs: BlobStore;
  embedder: Embedder;
  embeddingCache?: EmbeddingCache;
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
  const sets = buildTrainingSets(images, embedded.vectors, options.split ?? {});
  if (sets.train.rows.length === 0) {
    return {
      kind: 'skipped',
      code: 'NO_TRAINING_DATA',
      message: 'No labelled images in the training studies yet.',
    };
  }
  if (sets.categoryIds.length < 2) {
    return {
      kind: 'skipped',
      code: 'ONE_CLASS_ONLY',
      message: 'Training needs labelled images of at least two categories.',
    };
  }
  progress(0.7, `training on ${sets.train.rows.length} labelled images`);
  if (head === 'mlp') await ensureTensorBackend(ctx.embedder.backend.name);
  const previous = await latestVersion(ctx.db, options.datasetId, ctx.embedder.backbone.id, head);
  const warmStart = previous ? deserializeHead(await ctx.blobs.get(previous.weightsSha256)) : undefined;
  let trained: Awaited<ReturnType<typeof trainHead>>;
  try {
    trained = await trainHead({
      kind: head,
      features: sets.train.rows,
      labels: sets.train.labels,
      classCount: sets.categoryIds.length,
      categoryIds: sets.categoryIds,
      validation: sets.validation.rows.length
        ? { features: sets.validation.rows, labels: sets.validation.labels }
        : undefined,
      hyperparameters,
      warmStart:
        warmStart && isSameShape(warmStart, sets.train.rows[0]?.length, head, hyperparameters)
          ? warmStart
          : undefined,
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof MlError) return { kind: 'skipped', code: error.code, message: error.message };
    throw error;
  }
  endPhase('train');
  const evaluation = evaluate({
    probabilities: predictProbabilities(trained.weights, sets.test.rows),
    labels: sets.test.labels,
    clusters: sets.test.clusters,
    classCount: sets.categoryIds.length,
  });
  endPhase('evaluate');
  progress(0.85, 'predicting and scoring every image');
  const rows = predictionRows({ images, vectors: embedded.vectors, head: trained.weights });
  endPhase('predictAndScore');
  const weightsSha256 = await ctx.blobs.put(serializeHead(trained.weights));
  const metrics =
    evaluation.status === 'EVALUATED'
      ? evaluation.metrics
      : { status: evaluation.status, n: 0, message: evaluation.message };
  const created = await writeModelVersion(
    ctx.db,
    {
      datasetId: options.datasetId,
      backbone: ctx.embedder.backbone.id,
      head,
      hyperparameters: trained.hyperparameters,
      categoryIds: sets.categoryIds,
      trainingSet: {
        labelIds: sets.train.labelIds,
        trainCount: sets.train.rows.length,
        validationCount: sets.validation.rows.length,
        testCount: sets.test.rows.length,
      },
      split: { ...(options.split ?? {}), unit: 'study' },
      metrics,
      weightsSha256,
      parentId: warmStart && trained.isWarmStarted ? previous?.id : undefined,
      trainingMs: Date.now() - started,
    },
    rows,
  );
  endPhase('write');
  await dropOldPredictions(ctx.db, {
    datasetId: options.datasetId,
    keepNewest: options.keepPredictionsOfNewest ?? DEFAULT_KEPT_PREDICTION_VERSIONS,
  });
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
    message: `version ${created.version} from ${sets.train.rows.length} labels${accuracy}`,
  };
}

/**
 * Whether a previous head has the shape this run trains: the same input size and, for an MLP, the same hidden
 * layers. A head of another shape (its settings changed since) is no starting point: the run starts cold.
 */
function isSameShape(
  previous: SerializedHead,
  inputDimension: number | undefined,
  head: HeadKind,
  hyperparameters: Partial<Hyperparameters>,
): boolean {
  if (previous.inputDimension !== inputDimension) return false;
  if (head === 'linear') return true;
  const hidden = previous.layers.slice(0, -1).map((layer) => layer.outputSize);
  try {
    return hidden.join() === resolveHyperparameters(head, hyperparameters).hiddenUnits.join();
  } catch {
    return false;
  }
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
