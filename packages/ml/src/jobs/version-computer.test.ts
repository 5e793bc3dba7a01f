import { afterAll, describe, expect, it } from 'vitest';
import { deserializeHead } from '../heads';
import { makeGaussianClasses } from '../heads/gaussian-classes';
import { isMlError } from '../heads/ml-error';
import type { ComputedVersion, PackedImages, VersionComputeInput } from './version-compute';
import { createVersionComputer, inThreadComputer } from './version-computer';

const DIMENSION = 16;
const CATEGORIES = ['cat-a', 'cat-b', 'cat-c'];

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
    expect(inWorker.categoryIds).toEqual(CATEGORIES);
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
    expect(deserializeHead(warm.weights).categoryIds).toEqual(CATEGORIES);
  });

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
