import type {
  ImagePageFragment,
  StudyImagesQuery,
  StudyImagesQueryVariables,
  StudyQuery,
  StudyQueryVariables,
} from '../gql/operations';
import { graphqlDocument } from '../lib/graphql-document';

/** Images fetched per request, on the server for the first page and in the browser for the next. */
export const imagesPerPage = 100;

/** Edge of the thumbnails the grid asks for, in pixels (the `size` argument in the fragment below). */
export const thumbnailSize = 256;

export type ImagePage = ImagePageFragment;
export type ImageSummary = ImagePage['edges'][number]['node'];
export type ImageLabel = NonNullable<ImageSummary['currentLabel']>;
export type StudyDetail = NonNullable<StudyQuery['study']>;

/** The fields of an image that a grid's card shows; also what the Images screen's bulk actions return. */
export const gridImageFragment = /* GraphQL */ `
  fragment GridImage on Image {
    id
    sourceFileName
    study { id key }
    annotation { text }
    width
    height
    originalUrl
    thumbnailUrl(size: 256)
    exclusion { reason excludedAt }
    currentLabel { id source createdAt category { id name } }
    prediction {
      top1 { probability category { id name } }
      top2 { probability category { id name } }
    }
  }
`;

/** A page of images that grids show; spread by the study and dataset image queries. */
export const imagePageFragment = /* GraphQL */ `
  fragment ImagePage on ImageConnection {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ...GridImage } }
  }
`;

const studyOperation = /* GraphQL */ `
  query Study($id: ID!, $first: Int!, $after: String) {
    study(id: $id) {
      id
      key
      imageCount
      dataset { id name }
      cropBox { x y width height }
      images(first: $first, after: $after) { ...ImagePage }
    }
  }
`;

const studyImagesOperation = /* GraphQL */ `
  query StudyImages($id: ID!, $first: Int!, $after: String) {
    study(id: $id) {
      id
      images(first: $first, after: $after) { ...ImagePage }
    }
  }
`;

export const studyQuery = graphqlDocument<StudyQuery, StudyQueryVariables>(
  studyOperation,
  imagePageFragment,
  gridImageFragment,
);

export const studyImagesQuery = graphqlDocument<StudyImagesQuery, StudyImagesQueryVariables>(
  studyImagesOperation,
  imagePageFragment,
  gridImageFragment,
);
