import { describe, expect, it } from 'vitest';
import { createNormalRandom } from '../split/seeded-random';
import { cosineDistance, sketchEmbeddings } from './embedding-sketch';
import { nearestLabelledDistances } from './nearest-labelled';
import { scorePredictions } from './score-predictions';
import { fourScores } from './test-fixture';

describe('scorePredictions', () => {
  const scores = fourScores();

  it('with a candidate limit, measures and sketches only the most ambiguous unlabelled images', () => {
    // Six unlabelled images with margins 0.5, 0.1, 0.3, 0.0, 0.4, 0.2 and two labelled ones.
    const firsts = [0.75, 0.55, 0.65, 0.5, 0.7, 0.6, 0.9, 0.1];
    const limited = scorePredictions({
      probabilities: Float32Array.from(firsts.flatMap((p) => [p, 1 - p])),
      classCount: 2,
      embeddings: firsts.map((_, i) => Float32Array.from([Math.cos(i), Math.sin(i)])),
      labelledMask: [0, 0, 0, 0, 0, 0, 1, 1],
      currentLabels: [-1, -1, -1, -1, -1, -1, 0, 1],
      distance: { candidates: 3 },
    });
    const measured = limited.flatMap((score) => (score.labelledDistance === null ? [] : [score.index]));
    expect(measured).toEqual([1, 3, 5, 6, 7]); // margins 0.1, 0.0, 0.2, then the labelled (distance 0)
    expect(limited.flatMap((score) => (score.sketch ? [score.index] : []))).toEqual([1, 3, 5]);
    expect(limited[3]?.labelledDistance).toBeCloseTo(Math.min(1 - Math.cos(3 - 6), 1 - Math.cos(3 - 7)), 5);
  });

  it('computes top-2, margin, entropy and least confidence per image', () => {
    const [first] = scores;
    expect(first).toMatchObject({
      index: 0,
      top1: 0,
      top2: 1,
      isLabelled: false,
      currentLabel: null,
      labelDisagreement: null,
    });
    expect(first?.p1).toBeCloseTo(0.46, 6);
    expect(first?.margin).toBeCloseTo(0.05, 6);
    expect(first?.leastConfidence).toBeCloseTo(0.54, 6);
    // −(0.46 ln 0.46 + 0.41 ln 0.41 + 0.13 ln 0.13) = 0.35720 + 0.36556 + 0.26523
    expect(first?.entropy).toBeCloseTo(0.98799, 4);
    expect(scores[3]?.entropy).toBeCloseTo(1.02965, 4);
  });

  it('measures how much the model disagrees with the current label', () => {
    expect(scores[1]).toMatchObject({ isLabelled: true, currentLabel: 0, top1: 2 });
    expect(scores[1]?.labelDisagreement).toBeCloseTo(0.98, 6);
    expect(scores[2]?.labelDisagreement).toBeCloseTo(0.1, 6);
  });

  it('gives the cosine distance to the nearest labelled image (exact for small embeddings)', () => {
    // Image 0 = (1, 0): labelled (0, 1) is at distance 1, labelled (1, 1) at 1 − 1/√2 = 0.29289.
    expect(scores[0]?.labelledDistance).toBeCloseTo(1 - Math.SQRT1_2, 6);
    expect(scores[3]?.labelledDistance).toBeCloseTo(0, 6);
    expect(scores[1]?.labelledDistance).toBe(0);
  });

  it('breaks ties towards the lower class index', () => {
    const [score] = scorePredictions({
      probabilities: new Float32Array([0.1, 0.4, 0.1, 0.4]),
      classCount: 4,
      labelledMask: [0],
      currentLabels: [-1],
    });
    expect(score).toMatchObject({ top1: 1, top2: 3, margin: 0, labelledDistance: null, sketch: null });
  });

  it('rejects arrays of different lengths', () => {
    expect(() =>
      scorePredictions({
        probabilities: new Float32Array(6),
        classCount: 3,
        labelledMask: [true],
        currentLabels: [0],
      }),
    ).toThrowError(expect.objectContaining({ code: 'DIMENSION_MISMATCH' }));
  });
});

describe('sketchEmbeddings', () => {
  it('keeps cosine distances of 1,280-value embeddings to within a few hundredths on average', () => {
    const normal = createNormalRandom('sketch-test');
    const base = Array.from({ length: 40 }, () =>
      Float32Array.from({ length: 1_280 }, () => Math.abs(normal())),
    );
    const pairs = base.map((a, i) => {
      const mix = i / base.length;
      return [a, Float32Array.from(a, (value) => mix * value + (1 - mix) * Math.abs(normal()))] as const;
    });
    const sketches = sketchEmbeddings(pairs.flat(), { sketchDimension: 64 });
    const exact = sketchEmbeddings(pairs.flat(), { sketchDimension: 2_000 });
    let error = 0;
    for (let p = 0; p < pairs.length; p++) {
      const approximate = cosineDistance(
        sketches[2 * p] as Float32Array,
        sketches[2 * p + 1] as Float32Array,
      );
      error += Math.abs(
        approximate - cosineDistance(exact[2 * p] as Float32Array, exact[2 * p + 1] as Float32Array),
      );
    }
    expect(sketches[0]?.length).toBe(64);
    expect(error / pairs.length).toBeLessThan(0.06);
  });
});

describe('nearestLabelledDistances', () => {
  it('compares with a sample of the labelled images when over budget, never closer than exact', () => {
    const normal = createNormalRandom('budget');
    const sketches = sketchEmbeddings(
      Array.from({ length: 600 }, () => Float32Array.from({ length: 8 }, normal)),
    );
    const isLabelled = (i: number) => i % 2 === 0;
    const exact = nearestLabelledDistances(sketches, isLabelled);
    const bounded = nearestLabelledDistances(sketches, isLabelled, { maxComparisons: 1 });
    exact.forEach((distance, i) => {
      expect(bounded[i]).toBeGreaterThanOrEqual((distance as number) - 1e-9);
    });
    expect(bounded.some((distance, i) => (distance as number) > (exact[i] as number) + 1e-6)).toBe(true);
    expect(nearestLabelledDistances(sketches, () => false).every((distance) => distance === null)).toBe(true);
  });
});
