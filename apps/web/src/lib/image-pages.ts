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

/**
 * The loaded images with some replaced by their newer state (what a mutation returned), in place; an image
 * not loaded is ignored (the grid does not grow), and the count and cursor stay.
 */
export function patchImages(state: ImagePagesState, updated: readonly ImageSummary[]): ImagePagesState {
  const newer = new Map(updated.map((image) => [image.id, image]));
  if (!state.images.some((image) => newer.has(image.id))) return state;
  return { ...state, images: state.images.map((image) => newer.get(image.id) ?? image) };
}
