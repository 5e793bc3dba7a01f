import { graphqlDocument } from '../lib/graphql-document';

/** Images fetched per request, on the server for the first page and in the browser for the next. */
export const imagesPerPage = 100;

/** Edge of the thumbnails the grid asks for, in pixels. */
export const thumbnailSize = 256;

export type ImageLabel = {
  id: string;
  source: string;
  createdAt: string;
  category: { id: string; name: string } | null;
};

export type ImageSummary = {
  id: string;
  sourceFileName: string;
  annotation: string | null;
  width: number;
  height: number;
  originalUrl: string;
  thumbnailUrl: string;
  currentLabel: ImageLabel | null;
};

export type ImagePage = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: ImageSummary }[];
};

export type StudyDetail = {
  id: string;
  key: string;
  imageCount: number;
  dataset: { id: string; name: string };
  images: ImagePage;
};

type ImagePageVariables = { id: string; first: number; after: string | null };

const imagePageFields = `
  totalCount
  pageInfo { hasNextPage endCursor }
  edges {
    node {
      id
      sourceFileName
      annotation
      width
      height
      originalUrl
      thumbnailUrl(size: ${thumbnailSize})
      currentLabel { id source createdAt category { id name } }
    }
  }
`;

export const studyQuery = graphqlDocument<{ study: StudyDetail | null }, ImagePageVariables>(`
  query Study($id: ID!, $first: Int!, $after: String) {
    study(id: $id) {
      id
      key
      imageCount
      dataset { id name }
      images(first: $first, after: $after) { ${imagePageFields} }
    }
  }
`);

export const studyImagesQuery = graphqlDocument<
  { study: { id: string; images: ImagePage } | null },
  ImagePageVariables
>(`
  query StudyImages($id: ID!, $first: Int!, $after: String) {
    study(id: $id) {
      id
      images(first: $first, after: $after) { ${imagePageFields} }
    }
  }
`);
