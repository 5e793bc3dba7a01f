'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiResult } from '../lib/api-result';
import { queryApiFromBrowser } from '../lib/browser-api';
import type { ImageQueryArguments } from '../lib/image-filters';
import {
  appendImagePage,
  failImagePage,
  type ImagePagesState,
  initialImagePages,
  patchImages,
} from '../lib/image-pages';
import { datasetImagesQuery } from '../queries/dataset-images-query';
import { type ImagePage, type ImageSummary, imagesPerPage, studyImagesQuery } from '../queries/study-query';

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Where a grid's images come from: one study, or a dataset under the Images screen's filters. */
export type ImageSource =
  | { kind: 'study'; studyId: string }
  | ({ kind: 'dataset'; datasetId: string } & ImageQueryArguments);

const gone = (what: string) => ({
  code: 'BAD_RESPONSE' as const,
  message: `This ${what} no longer exists.`,
  details: [],
});

async function loadPage(
  source: ImageSource,
  after: string | null,
  signal: AbortSignal,
): Promise<ApiResult<ImagePage>> {
  if (source.kind === 'study') {
    const result = await queryApiFromBrowser(
      studyImagesQuery,
      { id: source.studyId, first: imagesPerPage, after },
      signal,
    );
    if (!result.ok) return result;
    return result.data.study
      ? { ok: true, data: result.data.study.images }
      : { ok: false, error: gone('study') };
  }
  const variables = {
    id: source.datasetId,
    first: imagesPerPage,
    after,
    filter: source.filter,
    orderBy: source.orderBy,
    withChoices: false,
  };
  const result = await queryApiFromBrowser(datasetImagesQuery, variables, signal);
  if (!result.ok) return result;
  return result.data.dataset
    ? { ok: true, data: result.data.dataset.images }
    : { ok: false, error: gone('dataset') };
}

/** What `useImagePages` gives a grid. */
export type ImagePages = ReturnType<typeof useImagePages>;

/**
 * The images of a grid loaded so far, starting from the page the server rendered, a way to load more, and
 * a way to show the newer state of some of them (what a mutation returned) in place.
 */
export function useImagePages(source: ImageSource, firstPage: ImagePage) {
  const [state, setState] = useState<ImagePagesState>(() => initialImagePages(firstPage));
  const inFlight = useRef<AbortController | null>(null);
  const sourceRef = useRef(source);
  sourceRef.current = source;

  useEffect(() => () => inFlight.current?.abort(), []);

  const loadMore = useCallback(async () => {
    if (inFlight.current || !state.hasNextPage) return;
    const controller = new AbortController();
    inFlight.current = controller;
    setState((current) => ({ ...current, status: 'loading', error: null }));
    try {
      const result = await loadPage(sourceRef.current, state.endCursor, controller.signal);
      if (result.ok) setState((current) => appendImagePage(current, result.data));
      else setState((current) => failImagePage(current, result.error));
    } catch (error) {
      // Unmounting aborts the request on purpose; anything else is a bug and must surface.
      if (!isAbort(error)) throw error;
    } finally {
      inFlight.current = null;
    }
  }, [state.hasNextPage, state.endCursor]);

  const patch = useCallback((updated: readonly ImageSummary[]) => {
    setState((current) => patchImages(current, updated));
  }, []);

  return { ...state, loadMore, patch };
}
