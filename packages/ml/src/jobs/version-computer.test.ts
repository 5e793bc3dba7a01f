import { afterAll, describe, expect, it } from 'vitest';
import { deserializeHead } from '../heads';
import { makeGaussianClasses } from '../heads/gaussian-classes';
import { isMlError } from '../heads/ml-error';
import type { ComputedVersion, PackedImages, VersionComputeInput } from './version-compute';
import { createVersionComputer, inThreadComputer } from './version-computer';

const DIMENSION = 16;
const CATEGORIES = ['cat-a', 'cat-b', 'cat-c'];
/** Names that sort in another order than the ids: a head's outputs follow the names. */
const NAMES: Record<string, string> = { 'cat-a': 'Liver', 'cat-b': 'Kidney', 'cat-c': 'Spleen' };
const IN_NAME_ORDER = ['cat-b', 'cat-a', 'cat-c'];

/** `count` images in studies of 4, three Gaussian classes; every other image labelled. */
function packed(count = 240): PackedImages {
  const { features, labels } = makeGaussianClasses({
    count,
    dimension: DIMENSION,
    classCount: CATEGORIES.length,
    separation: 2.5,
    seed: 'version-computer',
  });
  const indexes = Array.from({ length: count }, (_, index) => index);
  return {
    imageIds: indexes.map((index) => `image-${index}`),
    studyKeys: indexes.map((index) => `study-${Math.floor(index / 4)}`),
    categoryIds: indexes.map((index) => (index % 2 === 0 ? CATEGORIES[labels[index]!]! : null)),
    categoryNames: NAMES,
    labelIds: indexes.map((index) => (index % 2 === 0 ? `label-${index}` : null)),
    dimension: DIMENSION,
    vectors: features,
  };
}

const input = (overrides: Partial<VersionComputeInput> = {}): VersionComputeInput => ({
  images: packed(),
  head: 'linear',
  hyperparameters: {},
  split: {},
  modelVersionId: '00000000-0000-4000-8000-000000000001',
  ...overrides,
});

const computer = createVersionComputer();
afterAll(() => computer.close());

function computed(result: ComputedVersion) {
  if (result.kind !== 'computed') throw new Error(`expected a computed version, got ${result.message}`);
  return result;
}

describe('computing model versions in a worker thread', () => {
  it('gives what the calling thread gives, with progress, and hands the vectors over', async () => {
    const progress: string[] = [];
    const job = input();
    const inWorker = computed(
      await computer.computeVersion(job, { onProgress: (_, message) => progress.push(message) }),
    );
    expect(job.images.vectors.length).toBe(0); // handed over, not copied
    const inThread = computed(await inThreadComputer.computeVersion(input()));
    expect(inWorker.categoryIds).toEqual(IN_NAME_ORDER);
    expect(inWorker.counts).toEqual(inThread.counts);
    expect(inWorker.counts.train + inWorker.counts.validation + inWorker.counts.test).toBe(120);
    expect(inWorker.trainLabelIds).toEqual(inThread.trainLabelIds);
    expect(Buffer.from(inWorker.weights).equals(Buffer.from(inThread.weights))).toBe(true);
    expect(inWorker.evaluation).toEqual(inThread.evaluation);
    expect(inWorker.predictions.count).toBe(240);
    expect(inWorker.predictions.copyChunks).toEqual(inThread.predictions.copyChunks);
    expect(inWorker.predictions.copyChunks.join('').split('\n').filter(Boolean)).toHaveLength(240);
    expect(progress).toHaveLength(2);
    expect(progress[0]).toMatch(/^training on \d+ labelled images$/);
    expect(progress[1]).toBe('predicting and scoring every image');

    // The same chunks, handed over one by one as they are encoded instead of in the result.
    const streamed: string[] = [];
    const inChunks = computed(
      await computer.computeVersion(input(), { onCopyChunk: (text) => streamed.push(text) }),
    );
    expect(inChunks.predictions).toEqual({ count: 240, copyChunks: [] });
    expect(streamed).toEqual(inThread.predictions.copyChunks);

    // A warm start from the head just trained, and predictions of the images it has not predicted yet.
    const warm = computed(await computer.computeVersion(input({ warmStart: inWorker.weights })));
    expect(warm.isWarmStarted).toBe(true);
    const rows = await computer.computePredictions({
      images: packed(),
      head: warm.weights,
      skipImageIds: Array.from({ length: 230 }, (_, index) => `image-${index}`),
    });
    expect(rows.map((row) => row.imageId)).toEqual(
      Array.from({ length: 10 }, (_, index) => `image-${230 + index}`),
    );
    expect(rows[0]!.probabilities.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 5);
    expect(deserializeHead(warm.weights).categoryIds).toEqual(IN_NAME_ORDER);
  });

  it.each(['linear', 'mlp'] as const)(
    'trains the same %s head from the same rows and names, whatever the ids of images, labels and categories',
    async (head) => {
      const hyperparameters = head === 'mlp' ? { hiddenUnits: [8], maxEpochs: 20 } : {};
      const first = computed(await inThreadComputer.computeVersion(input({ head, hyperparameters })));
      // Other ids, drawn so that they sort in another order than the first ones, for the same content.
      const renamed = packed();
      const idOf = (id: string, prefix: string) =>
        `${prefix}-${(1e6 - Number(id.split('-').pop())).toString()}`;
      const otherCategory: Record<string, string> = { 'cat-a': 'z-1', 'cat-b': 'y-2', 'cat-c': 'x-3' };
      renamed.imageIds = renamed.imageIds.map((id) => idOf(id, 'picture'));
      renamed.labelIds = renamed.labelIds.map((id) => (id ? idOf(id, 'event') : null));
      renamed.categoryIds = renamed.categoryIds.map((id) => (id ? otherCategory[id]! : null));
      renamed.categoryNames = Object.fromEntries(
        Object.entries(NAMES).map(([id, name]) => [otherCategory[id]!, name]),
      );
      const second = computed(
        await inThreadComputer.computeVersion(input({ head, hyperparameters, images: renamed })),
      );
      expect(second.categoryIds).toEqual(IN_NAME_ORDER.map((id) => otherCategory[id]));
      expect(second.trainLabelIds).toEqual(first.trainLabelIds.map((id) => idOf(id, 'event')));
      const headOf = (weights: Uint8Array) => {
        const { categoryIds: _, ...rest } = deserializeHead(weights);
        return rest;
      };
      expect(headOf(second.weights)).toEqual(headOf(first.weights));
      expect(second.evaluation).toEqual(first.evaluation);
    },
  );

  it('brings back a typed refusal, and an error with its code, as the calling thread would meet them', async () => {
    const oneClass = packed();
    oneClass.categoryIds = oneClass.categoryIds.map((id) => (id ? 'cat-a' : null));
    expect(await computer.computeVersion(input({ images: oneClass }))).toMatchObject({
      kind: 'skipped',
      code: 'ONE_CLASS_ONLY',
    });
    const { weights } = computed(await inThreadComputer.computeVersion(input()));
    const broken = weights.slice(0, weights.length - 4);
    const failure = await computer.computeVersion(input({ warmStart: broken })).catch((error) => error);
    expect(isMlError(failure)).toBe(true);
    expect(failure.code).toBe('INVALID_HEAD_FORMAT');
    expect(failure.message).toMatch(/float32 values/);
    // The thread is still there for the next run.
    expect((await computer.computeVersion(input())).kind).toBe('computed');
  });

  it('stops the thread when a run is aborted, and starts another for the next run', async () => {
    const controller = new AbortController();
    // Seconds of training (1,000 epochs over 4,000 labels), stopped as soon as it begins.
    const running = computer.computeVersion(
      input({ images: packed(8_000), hyperparameters: { maxEpochs: 1_000, patience: 1_000, tolerance: 0 } }),
      {
        signal: controller.signal,
        onProgress: (_, message) => {
          if (message.startsWith('training')) controller.abort();
        },
      },
    );
    await expect(running).rejects.toMatchObject({ code: 'TRAINING_ABORTED' });
    const already = new AbortController();
    already.abort();
    await expect(computer.computeVersion(input(), { signal: already.signal })).rejects.toMatchObject({
      code: 'TRAINING_ABORTED',
    });
    expect((await computer.computeVersion(input())).kind).toBe('computed');
  });
});
