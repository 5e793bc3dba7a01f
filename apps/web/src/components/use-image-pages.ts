'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { queryApiFromBrowser } from '../lib/browser-api';
import { appendImagePage, failImagePage, type ImagePagesState, initialImagePages } from '../lib/image-pages';
import { type ImagePage, imagesPerPage, studyImagesQuery } from '../queries/study-query';

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** The images of a study loaded so far, starting from the page the server rendered, and a way to load more. */
export function useImagePages(studyId: string, firstPage: ImagePage) {
  const [state, setState] = useState<ImagePagesState>(() => initialImagePages(firstPage));
  const inFlight = useRef<AbortController | null>(null);

  useEffect(() => () => inFlight.current?.abort(), []);

  const loadMore = useCallback(async () => {
    if (inFlight.current || !state.hasNextPage) return;
    const controller = new AbortController();
    inFlight.current = controller;
    setState((current) => ({ ...current, status: 'loading', error: null }));
    const variables = { id: studyId, first: imagesPerPage, after: state.endCursor };
    try {
      const result = await queryApiFromBrowser(studyImagesQuery, variables, controller.signal);
      if (!result.ok) {
        setState((current) => failImagePage(current, result.error));
      } else if (!result.data.study) {
        const error = { code: 'BAD_RESPONSE' as const, message: 'This study no longer exists.', details: [] };
        setState((current) => failImagePage(current, error));
      } else {
        const page = result.data.study.images;
        setState((current) => appendImagePage(current, page));
      }
    } catch (error) {
      // Unmounting aborts the request on purpose; anything else is a bug and must surface.
      if (!isAbort(error)) throw error;
    } finally {
      inFlight.current = null;
    }
  }, [studyId, state.hasNextPage, state.endCursor]);

  return { ...state, loadMore };
}
