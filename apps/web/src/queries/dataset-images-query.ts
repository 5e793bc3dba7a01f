import type { DatasetImagesQuery, DatasetImagesQueryVariables } from '../gql/operations';
import { graphqlDocument } from '../lib/graphql-document';
import { gridImageFragment, imagePageFragment } from './study-query';

export type DatasetImages = NonNullable<DatasetImagesQuery['dataset']>;

const datasetImagesOperation = /* GraphQL */ `
  query DatasetImages(
    $id: ID!
    $first: Int!
    $after: String
    $filter: ImageFilter
    $orderBy: ImageOrder
    $withChoices: Boolean!
  ) {
    dataset(id: $id) {
      id
      categories(includeArchived: true) @include(if: $withChoices) { id name archived }
      studies(first: 500) @include(if: $withChoices) { totalCount edges { node { id key } } }
      images(first: $first, after: $after, filter: $filter, orderBy: $orderBy) { ...ImagePage }
    }
  }
`;

/**
 * A page of a dataset's images under the Images screen's filters; with `withChoices`, also what the
 * filter form offers (categories, archived ones too, and studies), which only the first page needs.
 */
export const datasetImagesQuery = graphqlDocument<DatasetImagesQuery, DatasetImagesQueryVariables>(
  datasetImagesOperation,
  imagePageFragment,
  gridImageFragment,
);
