import type {
  DatasetOverviewQuery,
  DatasetOverviewQueryVariables,
  OverviewLabelChangedSubscription,
  OverviewLabelChangedSubscriptionVariables,
} from '../gql/operations';
import { graphqlDocument } from '../lib/graphql-document';
import { jobDetailFragment } from './jobs-query';

export type DatasetOverviewData = NonNullable<DatasetOverviewQuery['dataset']>;
export type OverviewCounts = DatasetOverviewData['overview'];
export type ProgressBucket = OverviewCounts['daily'][number];
export type OverviewModel = NonNullable<DatasetOverviewData['latestModelVersion']>;

const datasetOverviewOperation = /* GraphQL */ `
  query DatasetOverview($id: ID!) {
    dataset(id: $id) {
      id
      imageCount
      excludedImageCount
      studyCount
      overview {
        labelledCount
        labelCounts { category { id name } labelledCount }
        daily: labelProgress(unit: DAY, last: 60) { start labelEvents labelledChange labelledTotal }
        hourly: labelProgress(unit: HOUR, last: 48) { start labelEvents labelledChange labelledTotal }
        queueSizes { strategy available }
      }
      latestModelVersion {
        id
        version
        createdAt
        isPromoted
        metrics { testImageCount accuracy accuracyLower accuracyUpper top2Accuracy top2Lower top2Upper note }
      }
      jobs(first: 20) { edges { node { ...JobDetail } } }
    }
  }
`;

/** Everything the Overview screen shows; refetched when labels or models change. */
export const datasetOverviewQuery = graphqlDocument<DatasetOverviewQuery, DatasetOverviewQueryVariables>(
  datasetOverviewOperation,
  jobDetailFragment,
);

const overviewLabelChangedOperation = /* GraphQL */ `
  subscription OverviewLabelChanged($datasetId: ID!) {
    labelChanged(datasetId: $datasetId) { dataset { id } }
  }
`;

export const overviewLabelChangedSubscription = graphqlDocument<
  OverviewLabelChangedSubscription,
  OverviewLabelChangedSubscriptionVariables
>(overviewLabelChangedOperation);
