import type { ImagePage, ImageSummary } from '../queries/study-query';
import type { ApiError } from './api-result';

export type ImagePagesState = {
  images: ImageSummary[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
  status: 'idle' | 'loading' | 'failed';
  error: ApiError | null;
};

export function initialImagePages(page: ImagePage): ImagePagesState {
  return {
    images: page.edges.map((edge) => edge.node),
    totalCount: page.totalCount,
    endCursor: page.pageInfo.endCursor,
    hasNextPage: page.pageInfo.hasNextPage,
    status: 'idle',
    error: null,
  };
}

/** Appends the next page, skipping images already shown (a page may overlap if images were added). */
export function appendImagePage(state: ImagePagesState, page: ImagePage): ImagePagesState {
  const seen = new Set(state.images.map((image) => image.id));
  const fresh = page.edges.map((edge) => edge.node).filter((image) => !seen.has(image.id));
  return {
    images: [...state.images, ...fresh],
    totalCount: page.totalCount,
    endCursor: page.pageInfo.endCursor ?? state.endCursor,
    // A page that adds nothing would be asked for again and again: stop there.
    hasNextPage: page.pageInfo.hasNextPage && fresh.length > 0,
    status: 'idle',
    error: null,
  };
}

export function failImagePage(state: ImagePagesState, error: ApiError): ImagePagesState {
  return { ...state, status: 'failed', error };
}
