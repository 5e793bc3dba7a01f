import { describe, expect, it } from 'vitest';
import {
  actionTargets,
  BULK_CHUNK_SIZE,
  type BulkAction,
  chunks,
  matchCountText,
  noLongerMatching,
  noLongerMatchingText,
  outcomeText,
  progressText,
  runInChunks,
  stillMatches,
} from './bulk-actions';

const kidney: BulkAction = { kind: 'label', category: { id: 'k', name: 'Kidney' } };
const clear: BulkAction = { kind: 'label', category: null };
const exclude: BulkAction = { kind: 'exclude', reason: 'Duplicate' };
const include: BulkAction = { kind: 'include' };
const idsOf = (count: number) => Array.from({ length: count }, (_, index) => `i${index + 1}`);

describe('chunks', () => {
  it('slices in order, at most 500 by default, the last one shorter', () => {
    const slices = chunks(idsOf(1_230));
    expect(BULK_CHUNK_SIZE).toBe(500);
    expect(slices.map((slice) => slice.length)).toEqual([500, 500, 230]);
    expect(slices[1]?.[0]).toBe('i501');
    expect(slices.flat()).toEqual(idsOf(1_230));
    expect(chunks(idsOf(500)).length).toBe(1);
    expect(chunks([])).toEqual([]);
    expect(() => chunks(['a'], 0)).toThrow(RangeError);
  });
});

describe('actionTargets', () => {
  const images = [
    { id: 'a', exclusion: null },
    { id: 'b', exclusion: { reason: 'Duplicate' } },
    { id: 'c', exclusion: null },
  ];
  it('labels every selected image', () => {
    expect(actionTargets(kidney, images)).toEqual({ ids: ['a', 'b', 'c'], skipped: 0 });
  });
  it('excludes only images in use and includes only excluded ones', () => {
    expect(actionTargets(exclude, images)).toEqual({ ids: ['a', 'c'], skipped: 1 });
    expect(actionTargets(include, images)).toEqual({ ids: ['b'], skipped: 2 });
  });
});

describe('runInChunks', () => {
  it('sends every chunk in turn and reports progress after each', async () => {
    const sent: string[][] = [];
    const progress: number[] = [];
    let inFlight = 0;
    const run = await runInChunks(
      idsOf(1_100),
      async (slice) => {
        inFlight += 1;
        expect(inFlight).toBe(1);
        sent.push(slice);
        await Promise.resolve();
        inFlight -= 1;
        return { ok: true, data: slice.map((id) => ({ id })) };
      },
      { onProgress: (done) => progress.push(done) },
    );
    expect(sent.map((slice) => slice.length)).toEqual([500, 500, 100]);
    expect(progress).toEqual([500, 1_000, 1_100]);
    expect(run).toMatchObject({ total: 1_100, chunkCount: 3, failure: null });
    expect(run.doneIds).toEqual(idsOf(1_100));
    expect(run.results).toHaveLength(1_100);
  });

  it('stops at the first refused chunk: those before stay done, those after are not sent', async () => {
    const sent: string[][] = [];
    const run = await runInChunks(idsOf(1_300), async (slice) => {
      sent.push(slice);
      return sent.length === 2 ? { ok: false, error: 'paused' } : { ok: true, data: slice };
    });
    expect(sent).toHaveLength(2);
    expect(run.doneIds).toEqual(idsOf(500));
    expect(run.results).toEqual(idsOf(500));
    expect(run.failure).toEqual({ index: 1, first: 501, last: 1_000, error: 'paused' });
    expect(run.chunkCount).toBe(3);
  });

  it('sends nothing for no images', async () => {
    const run = await runInChunks([], async () => {
      throw new Error('not sent');
    });
    expect(run).toMatchObject({ total: 0, chunkCount: 0, doneIds: [], failure: null });
  });
});

describe('outcome and progress text', () => {
  const done = (total: number) => ({
    total,
    chunkCount: Math.ceil(total / 500),
    doneIds: idsOf(total),
    failure: null,
  });

  it('says what was done', () => {
    expect(outcomeText(kidney, done(730))).toBe('Labelled 730 images as Kidney.');
    expect(outcomeText(kidney, done(1))).toBe('Labelled 1 image as Kidney.');
    expect(outcomeText(clear, done(3))).toBe('Cleared the labels of 3 images.');
    expect(outcomeText(exclude, done(2))).toBe('Excluded 2 images.');
    expect(outcomeText(exclude, done(2), 1)).toBe('Excluded 2 images. 1 image was excluded already.');
    expect(outcomeText(include, done(2), 3)).toBe('Included 2 images again. 3 images were in use already.');
    expect(outcomeText(include, done(0), 3)).toBe('Nothing to do: the selected images are in use already.');
    expect(outcomeText(exclude, done(0), 1)).toBe('Nothing to do: the selected images are excluded already.');
  });

  it('says that nothing was done when the only chunk was refused, with the API’s message', () => {
    const run = {
      total: 3,
      chunkCount: 1,
      doneIds: [],
      failure: { index: 0, first: 1, last: 3, error: null },
    };
    expect(outcomeText(kidney, run, 0, 'Labelling is paused.')).toBe(
      'No image was labelled. The API refused: Labelling is paused.',
    );
    expect(outcomeText(exclude, run)).toBe('No image was excluded. The API refused.');
  });

  it('names the refused chunk, and says that the chunks before it stay done', () => {
    const run = {
      total: 1_730,
      chunkCount: 4,
      doneIds: idsOf(1_000),
      failure: { index: 2, first: 1_001, last: 1_500, error: null },
    };
    expect(outcomeText(kidney, run, 0, 'Labelling is paused')).toBe(
      'Labelled 1,000 of 1,730 images as Kidney, then batch 3 of 4 (images 1,001–1,500) was refused: ' +
        'Labelling is paused. The 1,000 done stay labelled. Nothing after it was sent.',
    );
    const last = { ...run, chunkCount: 3, failure: { index: 2, first: 1_001, last: 1_730, error: null } };
    expect(outcomeText(include, last)).toBe(
      'Included 1,000 of 1,730 images again, then batch 3 of 3 (images 1,001–1,730) was refused. ' +
        'The 1,000 done stay in use.',
    );
    const first = { ...run, doneIds: [], failure: { index: 0, first: 1, last: 500, error: null } };
    expect(outcomeText(clear, first, 0, 'No.')).toBe(
      'No label was cleared. Batch 1 of 4 (images 1–500) was refused: No. Nothing after it was sent.',
    );
  });

  it('says where a run stands', () => {
    expect(progressText(kidney, 500, 730)).toBe('Labelling 500 of 730 images…');
    expect(progressText(exclude, 0, 1)).toBe('Excluding 0 of 1 image…');
  });
});

describe('stillMatches', () => {
  type Acted = Parameters<typeof stillMatches>[1];
  const labelled = (categoryId: string | null, source = 'ANNOTATOR') => ({
    source,
    category: categoryId ? { id: categoryId } : null,
  });
  const guessing = (categoryId: string) => ({ top1: { category: { id: categoryId } } });
  const image = (changes: Partial<Acted> = {}): Acted => ({
    currentLabel: null,
    exclusion: null,
    prediction: null,
    ...changes,
  });

  it('holds without a filter, and for conditions an action cannot change', () => {
    expect(stillMatches(null, image())).toBe(true);
    expect(stillMatches({}, image({ exclusion: { reason: 'Blurred' } }))).toBe(true);
    const unchanged = { annotationContains: 'liver', split: 'TRAIN' as const, studyIds: ['s1'] };
    expect(stillMatches(unchanged, image({ currentLabel: labelled('k') }))).toBe(true);
  });

  it('reads labelled as the API does: a cleared label counts as unlabelled', () => {
    const unlabelled = { labelled: false };
    expect(stillMatches(unlabelled, image())).toBe(true);
    expect(stillMatches(unlabelled, image({ currentLabel: labelled(null) }))).toBe(true);
    expect(stillMatches(unlabelled, image({ currentLabel: labelled('k') }))).toBe(false);
    expect(stillMatches({ labelled: true }, image({ currentLabel: labelled('k') }))).toBe(true);
    expect(stillMatches({ labelled: true }, image({ currentLabel: labelled(null) }))).toBe(false);
  });

  it('checks the label’s category and source', () => {
    const kidney = { categoryIds: ['k'] };
    expect(stillMatches(kidney, image({ currentLabel: labelled('k') }))).toBe(true);
    expect(stillMatches(kidney, image({ currentLabel: labelled('l') }))).toBe(false);
    expect(stillMatches(kidney, image({ currentLabel: labelled(null) }))).toBe(false);
    expect(stillMatches({ categoryIds: [] }, image({ currentLabel: labelled('k') }))).toBe(false);
    const imported = { labelSources: ['IMPORT' as const] };
    expect(stillMatches(imported, image({ currentLabel: labelled('k', 'IMPORT') }))).toBe(true);
    expect(stillMatches(imported, image({ currentLabel: labelled('k') }))).toBe(false);
    expect(stillMatches(imported, image())).toBe(false);
  });

  it('compares the label with the first guess, for labelled and predicted images only', () => {
    const disagrees = { disagreesWithLabel: true };
    const agrees = { disagreesWithLabel: false };
    const predicted = guessing('k');
    expect(stillMatches(disagrees, image({ prediction: predicted, currentLabel: labelled('l') }))).toBe(true);
    expect(stillMatches(disagrees, image({ prediction: predicted, currentLabel: labelled('k') }))).toBe(
      false,
    );
    expect(stillMatches(agrees, image({ prediction: predicted, currentLabel: labelled('k') }))).toBe(true);
    expect(stillMatches(disagrees, image({ prediction: predicted, currentLabel: labelled(null) }))).toBe(
      false,
    );
    expect(stillMatches(agrees, image({ currentLabel: labelled('k') }))).toBe(false);
  });

  it('checks the exclusion', () => {
    const excluded = image({ exclusion: { reason: 'Duplicate' } });
    expect(stillMatches({ excluded: true }, excluded)).toBe(true);
    expect(stillMatches({ excluded: false }, excluded)).toBe(false);
    expect(stillMatches({ excluded: true }, image())).toBe(false);
    expect(stillMatches({ excluded: false, labelled: false }, image())).toBe(true);
  });
});

describe('noLongerMatching', () => {
  const acted = (id: string, categoryId: string | null) => ({
    id,
    currentLabel: { source: 'ANNOTATOR', category: categoryId ? { id: categoryId } : null },
    exclusion: null,
    prediction: null,
  });

  it('adds the images an action moved out of the filter and drops those it brought back', () => {
    const unlabelled = { labelled: false };
    const first = noLongerMatching(new Set(), [acted('a', 'k'), acted('b', 'k')], unlabelled);
    expect([...first]).toEqual(['a', 'b']);
    const second = noLongerMatching(first, [acted('b', null), acted('c', 'k')], unlabelled);
    expect([...second].sort()).toEqual(['a', 'c']);
  });

  it('keeps the same set when nothing changed', () => {
    const none = new Set<string>();
    expect(noLongerMatching(none, [acted('a', 'k')], null)).toBe(none);
    const some = new Set(['a']);
    expect(noLongerMatching(some, [acted('a', 'k')], { labelled: false })).toBe(some);
  });
});

describe('count text', () => {
  it('says how many images there are, or how many match the filters', () => {
    expect(matchCountText(1_234, false)).toBe('1,234 images');
    expect(matchCountText(24, true)).toBe('24 images match the filters');
    expect(matchCountText(1, true)).toBe('1 image matches the filters');
    expect(matchCountText(0, true)).toBe('0 images match the filters');
  });

  it('says how many images shown no longer match', () => {
    expect(noLongerMatchingText(2)).toBe(
      '2 images shown no longer match the filters. They leave the list when the filters are applied again.',
    );
    expect(noLongerMatchingText(1)).toBe(
      '1 image shown no longer matches the filters. It leaves the list when the filters are applied again.',
    );
  });
});
