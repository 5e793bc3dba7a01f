import type {
  BulkExcludeImagesMutation,
  BulkExcludeImagesMutationVariables,
  BulkIncludeImagesMutation,
  BulkIncludeImagesMutationVariables,
  BulkLabelMutation,
  BulkLabelMutationVariables,
} from '../gql/operations';
import { graphqlDocument } from '../lib/graphql-document';
import { gridImageFragment } from './study-query';

const bulkLabelOperation = /* GraphQL */ `
  mutation BulkLabel($imageIds: [ID!]!, $categoryId: ID) {
    bulkLabel(imageIds: $imageIds, categoryId: $categoryId) { ...GridImage }
  }
`;

/** Labels (or, with no category, clears) up to 500 images at once; returns them as the grid shows them. */
export const bulkLabelMutation = graphqlDocument<BulkLabelMutation, BulkLabelMutationVariables>(
  bulkLabelOperation,
  gridImageFragment,
);

const bulkExcludeOperation = /* GraphQL */ `
  mutation BulkExcludeImages($imageIds: [ID!]!, $reason: String!) {
    excludeImages(imageIds: $imageIds, reason: $reason) { ...GridImage }
  }
`;

export const bulkExcludeImagesMutation = graphqlDocument<
  BulkExcludeImagesMutation,
  BulkExcludeImagesMutationVariables
>(bulkExcludeOperation, gridImageFragment);

const bulkIncludeOperation = /* GraphQL */ `
  mutation BulkIncludeImages($imageIds: [ID!]!) {
    includeImages(imageIds: $imageIds) { ...GridImage }
  }
`;

export const bulkIncludeImagesMutation = graphqlDocument<
  BulkIncludeImagesMutation,
  BulkIncludeImagesMutationVariables
>(bulkIncludeOperation, gridImageFragment);
