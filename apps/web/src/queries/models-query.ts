import type {
  CompareModelVersionsQuery,
  CompareModelVersionsQueryVariables,
  DatasetModelsQuery,
  DatasetModelsQueryVariables,
  ModelVersionDetailCreatedSubscription,
  ModelVersionDetailCreatedSubscriptionVariables,
  ModelVersionDetailFragment,
  PromoteModelVersionMutation,
  PromoteModelVersionMutationVariables,
  UpdateTrainingSettingsMutation,
  UpdateTrainingSettingsMutationVariables,
} from '../gql/operations';
import { graphqlDocument } from '../lib/graphql-document';

export type ModelVersionDetail = ModelVersionDetailFragment;

/** Versions the Models screen loads: enough for every dataset's history so far. */
export const modelVersionsShown = 100;

/** What the Models screen shows of a model version. */
export const modelVersionDetailFragment = /* GraphQL */ `
  fragment ModelVersionDetail on ModelVersion {
    id
    version
    createdAt
    isPromoted
    hasPredictions
    head
    backbone
    trainingLabelCount
    trainingMs
    categories { id name }
    metrics {
      testImageCount
      accuracy
      accuracyLower
      accuracyUpper
      top2Accuracy
      top2Lower
      top2Upper
      macroF1
      expectedCalibrationError
      confusion
      note
      raw
    }
  }
`;

const datasetModelsOperation = /* GraphQL */ `
  query DatasetModels($id: ID!, $first: Int!) {
    me { role }
    dataset(id: $id) {
      id
      trainingSettings { head hyperparameters customHyperparameters }
      modelVersions(first: $first) { totalCount edges { node { ...ModelVersionDetail } } }
    }
  }
`;

/** A dataset's model versions, newest first, and the viewer's role (who may promote). */
export const datasetModelsQuery = graphqlDocument<DatasetModelsQuery, DatasetModelsQueryVariables>(
  datasetModelsOperation,
  modelVersionDetailFragment,
);

const modelVersionDetailCreatedOperation = /* GraphQL */ `
  subscription ModelVersionDetailCreated($datasetId: ID!) {
    modelVersionCreated(datasetId: $datasetId) { ...ModelVersionDetail }
  }
`;

export const modelVersionDetailCreatedSubscription = graphqlDocument<
  ModelVersionDetailCreatedSubscription,
  ModelVersionDetailCreatedSubscriptionVariables
>(modelVersionDetailCreatedOperation, modelVersionDetailFragment);

const promoteModelVersionOperation = /* GraphQL */ `
  mutation PromoteModelVersion($id: ID!) {
    promoteModelVersion(id: $id) { id version isPromoted }
  }
`;

export const promoteModelVersionMutation = graphqlDocument<
  PromoteModelVersionMutation,
  PromoteModelVersionMutationVariables
>(promoteModelVersionOperation);

/** Discordant images the Models screen shows at once. */
export const discordantImagesShown = 12;

const compareModelVersionsOperation = /* GraphQL */ `
  query CompareModelVersions($first: ID!, $second: ID!, $shown: Int!) {
    compareModelVersions(first: $first, second: $second) {
      imageCount
      studyCount
      otherCategoryImageCount
      unpredictedImageCount
      firstAccuracy { estimate successes total wilson { lower upper } }
      secondAccuracy { estimate successes total wilson { lower upper } }
      firstTop2Accuracy { estimate successes total }
      secondTop2Accuracy { estimate successes total }
      bothCorrect
      onlyFirstCorrect
      onlySecondCorrect
      neitherCorrect
      mcnemarPValue
      kappa
      discordantImages(first: $shown) {
        totalCount
        edges {
          node {
            correct
            label { id name }
            firstGuess { id name }
            secondGuess { id name }
            image { id sourceFileName thumbnailUrl(size: 256) }
          }
        }
      }
    }
  }
`;

/** Two versions judged on the same test images against today's labels, and some images only one got right. */
export const compareModelVersionsQuery = graphqlDocument<
  CompareModelVersionsQuery,
  CompareModelVersionsQueryVariables
>(compareModelVersionsOperation);

const updateTrainingSettingsOperation = /* GraphQL */ `
  mutation UpdateTrainingSettings($datasetId: ID!, $head: HeadKind, $hyperparameters: JSON) {
    updateTrainingSettings(datasetId: $datasetId, head: $head, hyperparameters: $hyperparameters) {
      id
      trainingSettings { head hyperparameters customHyperparameters }
    }
  }
`;

/** Choose how the dataset's heads are trained; a change asks for a training run. */
export const updateTrainingSettingsMutation = graphqlDocument<
  UpdateTrainingSettingsMutation,
  UpdateTrainingSettingsMutationVariables
>(updateTrainingSettingsOperation);
