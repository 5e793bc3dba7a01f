import { describe, expect, it } from 'vitest';
import type { ImagePage, ImageSummary } from '../queries/study-query';
import { appendImagePage, failImagePage, initialImagePages, patchImages } from './image-pages';

function image(id: string): ImageSummary {
  return {
    id,
    sourceFileName: `${id}.png`,
    study: { id: 'study-1', key: 'S-1' },
    annotation: null,
    prediction: null,
    width: 64,
    height: 48,
    originalUrl: `/images/${id}/original`,
    thumbnailUrl: `/images/${id}/thumbnail?size=256`,
    currentLabel: null,
    exclusion: null,
  };
}

function page(ids: string[], hasNextPage: boolean, totalCount = 5): ImagePage {
  return {
    totalCount,
    pageInfo: { hasNextPage, endCursor: ids.at(-1) ?? null },
    edges: ids.map((id) => ({ node: image(id) })),
  };
}

describe('image pages', () => {
  it('starts from the first page', () => {
    const state = initialImagePages(page(['a', 'b'], true));
    expect(state.images.map((i) => i.id)).toEqual(['a', 'b']);
    expect(state).toMatchObject({ endCursor: 'b', hasNextPage: true, status: 'idle', totalCount: 5 });
  });

  it('appends a page, skipping images already shown, and clears a failure', () => {
    const failed = failImagePage(initialImagePages(page(['a', 'b'], true)), {
      code: 'API_UNREACHABLE',
      message: 'down',
      details: [],
    });
    expect(failed.status).toBe('failed');
    const next = appendImagePage(failed, page(['b', 'c', 'd'], false, 4));
    expect(next.images.map((i) => i.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(next).toMatchObject({
      endCursor: 'd',
      hasNextPage: false,
      status: 'idle',
      error: null,
      totalCount: 4,
    });
  });

  it('stops paging when a page adds nothing new', () => {
    const state = initialImagePages(page(['a', 'b'], true));
    expect(appendImagePage(state, page(['b'], true)).hasNextPage).toBe(false);
  });
});

describe('patching loaded images', () => {
  it('replaces the images a mutation returned, in place, and ignores images not loaded', () => {
    const state = initialImagePages(page(['a', 'b', 'c'], true));
    const labelled = {
      ...image('b'),
      currentLabel: {
        id: 'l1',
        source: 'ANNOTATOR',
        createdAt: '2025-01-01T00:00:00.000Z',
        category: { id: 'k', name: 'Kidney' },
      },
    };
    const next = patchImages(state, [labelled, image('z')]);
    expect(next.images.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(next.images[1]?.currentLabel?.category?.name).toBe('Kidney');
    expect(next.images[0]).toBe(state.images[0]);
    expect(next).toMatchObject({ endCursor: 'c', hasNextPage: true, totalCount: 5 });
    expect(patchImages(state, [image('z')])).toBe(state);
  });
});
