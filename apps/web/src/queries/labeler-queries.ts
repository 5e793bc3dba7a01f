import type {
  ExcludeImagesMutation,
  ExcludeImagesMutationVariables,
  IncludeImagesMutation,
  IncludeImagesMutationVariables,
  LabelerCategoriesQuery,
  LabelerCategoriesQueryVariables,
  LabelerImageFragment,
  LabelerLabelChangedSubscription,
  LabelerLabelChangedSubscriptionVariables,
  LabelerQueueChangedSubscription,
  LabelerQueueChangedSubscriptionVariables,
  LabelerQueueItemFragment,
  LabelerStartQuery,
  LabelerStartQueryVariables,
  LabelerStudyImagesQuery,
  LabelerStudyImagesQueryVariables,
  LabelImageMutation,
  LabelImageMutationVariables,
  ReleaseQueueItemMutation,
  ReleaseQueueItemMutationVariables,
  SetCropBoxMutation,
  SetCropBoxMutationVariables,
  SetStudyCropBoxMutation,
  SetStudyCropBoxMutationVariables,
  SuggestCropBoxQuery,
  SuggestCropBoxQueryVariables,
  TakeQueueItemsMutation,
  TakeQueueItemsMutationVariables,
  UndoLabelMutation,
  UndoLabelMutationVariables,
} from '../gql/operations';
import { graphqlDocument } from '../lib/graphql-document';

export type LabelerImage = LabelerImageFragment;
export type LabelerQueueItem = LabelerQueueItemFragment;
export type LabelerCategory = NonNullable<LabelerStartQuery['dataset']>['categories'][number];
export type LabelerGuess = NonNullable<LabelerQueueItem['top1']>;
export type LabelerExclusionEvent = LabelerImage['exclusionHistory'][number];

const labelerImageFragment = /* GraphQL */ `
  fragment LabelerImage on Image {
    id
    sourceFileName
    width
    height
    originalUrl
    annotation { text }
    study { id key }
    cropBox { x y width height scope }
    currentLabel { id source createdAt category { id name } }
    prediction {
      modelVersion { id version }
      top1 { probability category { id name } }
      top2 { probability category { id name } }
    }
    labelHistory { id source author by { id name } isUndo createdAt category { id name } }
    exclusion { reason author by { id name } excludedAt }
    exclusionHistory { excluded reason author by { id name } createdAt }
  }
`;

const labelerQueueItemFragment = /* GraphQL */ `
  fragment LabelerQueueItem on QueueItem {
    strategy
    score
    reason
    margin
    entropy
    leasedUntil
    top1 { probability category { id name } }
    top2 { probability category { id name } }
    image { ...LabelerImage }
  }
`;

const labelerStartOperation = /* GraphQL */ `
  query LabelerStart($imageId: ID!, $datasetId: ID!) {
    image(id: $imageId) { ...LabelerImage }
    dataset(id: $datasetId) { id categories { id name } }
  }
`;

/** What the labeler opens with: the image and the dataset's categories, in picker order. */
export const labelerStartQuery = graphqlDocument<LabelerStartQuery, LabelerStartQueryVariables>(
  labelerStartOperation,
  labelerImageFragment,
);

const labelerCategoriesOperation = /* GraphQL */ `
  query LabelerCategories($datasetId: ID!) {
    dataset(id: $datasetId) { id categories { id name } }
  }
`;

export const labelerCategoriesQuery = graphqlDocument<
  LabelerCategoriesQuery,
  LabelerCategoriesQueryVariables
>(labelerCategoriesOperation);

const labelerStudyImagesOperation = /* GraphQL */ `
  query LabelerStudyImages($studyId: ID!) {
    study(id: $studyId) { id images(first: 100) { edges { node { ...LabelerImage } } } }
  }
`;

/** Outside the review queue, the labeler moves on through the image's study. */
export const labelerStudyImagesQuery = graphqlDocument<
  LabelerStudyImagesQuery,
  LabelerStudyImagesQueryVariables
>(labelerStudyImagesOperation, labelerImageFragment);

const labelImageOperation = /* GraphQL */ `
  mutation LabelImage($imageId: ID!, $categoryId: ID) {
    labelImage(imageId: $imageId, categoryId: $categoryId) { ...LabelerImage }
  }
`;

export const labelImageMutation = graphqlDocument<LabelImageMutation, LabelImageMutationVariables>(
  labelImageOperation,
  labelerImageFragment,
);

const undoLabelOperation = /* GraphQL */ `
  mutation UndoLabel($imageId: ID!) {
    undoLabel(imageId: $imageId) { ...LabelerImage }
  }
`;

export const undoLabelMutation = graphqlDocument<UndoLabelMutation, UndoLabelMutationVariables>(
  undoLabelOperation,
  labelerImageFragment,
);

const setCropBoxOperation = /* GraphQL */ `
  mutation SetCropBox($imageId: ID!, $box: CropBoxInput) {
    setCropBox(imageId: $imageId, box: $box) { ...LabelerImage }
  }
`;

export const setCropBoxMutation = graphqlDocument<SetCropBoxMutation, SetCropBoxMutationVariables>(
  setCropBoxOperation,
  labelerImageFragment,
);

const suggestCropBoxOperation = /* GraphQL */ `
  query SuggestCropBox($imageId: ID!) {
    suggestCropBox(imageId: $imageId) { x y width height isWholeImage }
  }
`;

/** The box of the scan inside the scanner's black background, without its text and marks; saves nothing. */
export const suggestCropBoxQuery = graphqlDocument<SuggestCropBoxQuery, SuggestCropBoxQueryVariables>(
  suggestCropBoxOperation,
);

const setStudyCropBoxOperation = /* GraphQL */ `
  mutation SetStudyCropBox($studyId: ID!, $box: CropBoxInput) {
    setStudyCropBox(studyId: $studyId, box: $box) { id imageCount }
  }
`;

export const setStudyCropBoxMutation = graphqlDocument<
  SetStudyCropBoxMutation,
  SetStudyCropBoxMutationVariables
>(setStudyCropBoxOperation);

const excludeImagesOperation = /* GraphQL */ `
  mutation ExcludeImages($imageIds: [ID!]!, $reason: String!) {
    excludeImages(imageIds: $imageIds, reason: $reason) { ...LabelerImage }
  }
`;

/** Leaves images out of training, evaluation, predictions and the review queue, saying why. */
export const excludeImagesMutation = graphqlDocument<ExcludeImagesMutation, ExcludeImagesMutationVariables>(
  excludeImagesOperation,
  labelerImageFragment,
);

const includeImagesOperation = /* GraphQL */ `
  mutation IncludeImages($imageIds: [ID!]!, $reason: String) {
    includeImages(imageIds: $imageIds, reason: $reason) { ...LabelerImage }
  }
`;

/** Brings excluded images back into use. */
export const includeImagesMutation = graphqlDocument<IncludeImagesMutation, IncludeImagesMutationVariables>(
  includeImagesOperation,
  labelerImageFragment,
);

const takeQueueItemsOperation = /* GraphQL */ `
  mutation TakeQueueItems($datasetId: ID!, $strategy: String!, $count: Int!) {
    takeQueueItems(datasetId: $datasetId, strategy: $strategy, count: $count) { ...LabelerQueueItem }
  }
`;

/** Leases the next images of a strategy to the viewer. */
export const takeQueueItemsMutation = graphqlDocument<
  TakeQueueItemsMutation,
  TakeQueueItemsMutationVariables
>(takeQueueItemsOperation, labelerQueueItemFragment, labelerImageFragment);

const releaseQueueItemOperation = /* GraphQL */ `
  mutation ReleaseQueueItem($imageId: ID!) {
    releaseQueueItem(imageId: $imageId)
  }
`;

export const releaseQueueItemMutation = graphqlDocument<
  ReleaseQueueItemMutation,
  ReleaseQueueItemMutationVariables
>(releaseQueueItemOperation);

const queueChangedOperation = /* GraphQL */ `
  subscription LabelerQueueChanged($datasetId: ID!) {
    queueChanged(datasetId: $datasetId) { reason images { id } modelVersion { id version } }
  }
`;

export const queueChangedSubscription = graphqlDocument<
  LabelerQueueChangedSubscription,
  LabelerQueueChangedSubscriptionVariables
>(queueChangedOperation);

const labelChangedOperation = /* GraphQL */ `
  subscription LabelerLabelChanged($datasetId: ID!) {
    labelChanged(datasetId: $datasetId) {
      images { id currentLabel { id source createdAt category { id name } } }
    }
  }
`;

export const labelChangedSubscription = graphqlDocument<
  LabelerLabelChangedSubscription,
  LabelerLabelChangedSubscriptionVariables
>(labelChangedOperation);
