import { describe, expect, it } from 'vitest';
import { scorePredictions } from './score-predictions';
import { rankCandidates, registerStrategy, strategyNames } from './strategy-registry';
import { fourScores } from './test-fixture';

const categoryNames = ['liver', 'spleen', 'kidney'];
const scores = fourScores();

describe('uncertainty strategies', () => {
  it('MARGIN puts the top-2 ambiguous image first and says why', () => {
    const ranked = rankCandidates('MARGIN', scores, { batchSize: 5, categoryNames });
    expect(ranked.map((candidate) => candidate.index)).toEqual([0, 3]);
    expect(ranked[0]?.reason).toBe('top-2 ambiguous: liver 0.46 vs spleen 0.41 (margin 0.05)');
    expect(ranked[0]?.score).toBeCloseTo(0.95, 6);
  });

  it('LEAST_CONFIDENT and ENTROPY rank by their own measure', () => {
    expect(
      rankCandidates('LEAST_CONFIDENT', scores, { batchSize: 2, categoryNames }).map((c) => c.index),
    ).toEqual([0, 3]);
    const byEntropy = rankCandidates('ENTROPY', scores, { batchSize: 2, categoryNames });
    expect(byEntropy.map((c) => c.index)).toEqual([3, 0]);
    expect(byEntropy[0]?.reason).toBe(
      'spread-out prediction: entropy 1.03 nats (at most 1.10); best guess kidney 0.50',
    );
  });

  it('leaves out excluded images and honours the batch size', () => {
    expect(rankCandidates('MARGIN', scores, { batchSize: 5, exclude: [0] }).map((c) => c.index)).toEqual([3]);
    expect(rankCandidates('MARGIN', scores, { batchSize: 1 })).toHaveLength(1);
    expect(rankCandidates('MARGIN', scores, { batchSize: 1 })[0]?.reason).toContain(
      'class 0 0.46 vs class 1 0.41',
    );
  });
});

describe('RANDOM', () => {
  const many = scorePredictions({
    probabilities: new Float32Array(200).fill(0.5),
    classCount: 2,
    labelledMask: Array.from({ length: 100 }, (_, i) => i % 10 === 0),
    currentLabels: new Array(100).fill(0),
  });

  it('draws unlabelled images reproducibly for a seed', () => {
    const a = rankCandidates('RANDOM', many, { batchSize: 10, seed: 'a' }).map((c) => c.index);
    expect(rankCandidates('RANDOM', many, { batchSize: 10, seed: 'a' }).map((c) => c.index)).toEqual(a);
    expect(rankCandidates('RANDOM', many, { batchSize: 10, seed: 'b' }).map((c) => c.index)).not.toEqual(a);
    expect(a.every((index) => index % 10 !== 0)).toBe(true);
    expect(new Set(a).size).toBe(10);
  });
});

describe('LIKELY_LABEL_ERROR', () => {
  it('offers labelled images the model confidently disagrees with', () => {
    const ranked = rankCandidates('LIKELY_LABEL_ERROR', scores, { batchSize: 5, categoryNames });
    expect(ranked.map((c) => c.index)).toEqual([1]);
    expect(ranked[0]?.score).toBeCloseTo(0.91, 6);
    expect(ranked[0]?.reason).toBe('labelled liver, but the model says kidney 0.93 (liver 0.02)');
  });

  it('does not question a label of a category the model has no output for', () => {
    const unknown = scorePredictions({
      probabilities: new Float32Array([0.95, 0.05]),
      classCount: 2,
      labelledMask: [1],
      currentLabels: [-1],
    });
    expect(unknown[0]).toMatchObject({ isLabelled: true, labelProbability: null, labelDisagreement: null });
    expect(rankCandidates('LIKELY_LABEL_ERROR', unknown, { batchSize: 5 })).toEqual([]);
  });
});

describe('DIVERSE_MARGIN', () => {
  // Images 0–2 are near-duplicates and the most ambiguous; image 3 is a little less ambiguous but elsewhere.
  const pool = scorePredictions({
    probabilities: new Float32Array([0.5, 0.5, 0.51, 0.49, 0.5, 0.5, 0.55, 0.45, 0.9, 0.1]),
    classCount: 2,
    embeddings: [
      [1, 0, 0],
      [1, 0.01, 0],
      [1, 0, 0.01],
      [0, 0, 1],
      [0, 1, 0],
    ].map((v) => Float32Array.from(v)),
    labelledMask: [0, 0, 0, 0, 1],
    currentLabels: [-1, -1, -1, -1, 0],
  });

  it('spreads one batch over unlike images where MARGIN would take duplicates', () => {
    expect(rankCandidates('MARGIN', pool, { batchSize: 2 }).map((c) => c.index)).toEqual([0, 2]);
    const diverse = rankCandidates('DIVERSE_MARGIN', pool, { batchSize: 2 });
    expect(diverse.map((c) => c.index)).toEqual([0, 3]);
    expect(diverse[1]?.reason).toBe(
      'top-2 ambiguous: class 0 0.55 vs class 1 0.45 (margin 0.10); unlike the labelled or already picked images (cosine distance 1.00)',
    );
  });

  it('leaves out images scored without a sketch', () => {
    const partly = pool.map((score) => (score.index === 3 ? { ...score, sketch: null } : score));
    expect(rankCandidates('DIVERSE_MARGIN', partly, { batchSize: 2 }).map((c) => c.index)).toEqual([0, 2]);
  });

  it('needs embeddings', () => {
    const plain = scorePredictions({
      probabilities: new Float32Array([0.5, 0.5]),
      classCount: 2,
      labelledMask: [0],
      currentLabels: [-1],
    });
    expect(() => rankCandidates('DIVERSE_MARGIN', plain, { batchSize: 1 })).toThrowError(
      expect.objectContaining({ code: 'MISSING_EMBEDDINGS' }),
    );
  });
});

describe('strategy registry', () => {
  it('lists the built-in strategies and rejects unknown names with the valid ones', () => {
    expect(strategyNames()).toEqual(
      expect.arrayContaining([
        'RANDOM',
        'LEAST_CONFIDENT',
        'MARGIN',
        'ENTROPY',
        'DIVERSE_MARGIN',
        'LIKELY_LABEL_ERROR',
      ]),
    );
    expect(() => rankCandidates('BEST', scores, { batchSize: 1 })).toThrowError(
      expect.objectContaining({
        code: 'UNKNOWN_STRATEGY',
        details: expect.objectContaining({ validNames: expect.arrayContaining(['MARGIN']) }),
      }),
    );
  });

  it('accepts new strategies by name', () => {
    registerStrategy({
      name: 'FIRST',
      description: 'test',
      rank: (all) => all.slice(0, 1).map((s) => ({ index: s.index, score: 1, reason: 'first' })),
    });
    expect(rankCandidates('FIRST', scores, { batchSize: 1 })).toEqual([
      { index: 0, score: 1, reason: 'first' },
    ]);
  });
});
