import type {
  DatasetJobProgressSubscription,
  DatasetJobProgressSubscriptionVariables,
  DatasetModelVersionCreatedSubscription,
  DatasetModelVersionCreatedSubscriptionVariables,
  DatasetShellQuery,
  DatasetShellQueryVariables,
} from '../gql/operations';
import { graphqlDocument } from '../lib/graphql-document';

export type DatasetShell = NonNullable<DatasetShellQuery['dataset']>;
export type ShellModelVersion = NonNullable<DatasetShell['latestModelVersion']>;
export type ShellJob = DatasetShell['jobs']['edges'][number]['node'];

const shellModelVersionFragment = /* GraphQL */ `
  fragment ShellModelVersion on ModelVersion {
    id
    version
    createdAt
    metrics { accuracy top2Accuracy testImageCount }
  }
`;

const shellJobFragment = /* GraphQL */ `
  fragment ShellJob on Job {
    id
    kind
    state
    attempt
    progress
    message
    createdAt
  }
`;

const datasetShellOperation = /* GraphQL */ `
  query DatasetShell($id: ID!) {
    dataset(id: $id) {
      id
      name
      imageCount
      latestModelVersion { ...ShellModelVersion }
      jobs(first: 10) { edges { node { ...ShellJob } } }
    }
  }
`;

/** What every screen of a dataset shows in its header: the name, the newest model, the running jobs. */
export const datasetShellQuery = graphqlDocument<DatasetShellQuery, DatasetShellQueryVariables>(
  datasetShellOperation,
  shellModelVersionFragment,
  shellJobFragment,
);

const jobProgressOperation = /* GraphQL */ `
  subscription DatasetJobProgress($datasetId: ID!) {
    jobProgress(datasetId: $datasetId) { ...ShellJob }
  }
`;

export const jobProgressSubscription = graphqlDocument<
  DatasetJobProgressSubscription,
  DatasetJobProgressSubscriptionVariables
>(jobProgressOperation, shellJobFragment);

const modelVersionCreatedOperation = /* GraphQL */ `
  subscription DatasetModelVersionCreated($datasetId: ID!) {
    modelVersionCreated(datasetId: $datasetId) { ...ShellModelVersion }
  }
`;

export const modelVersionCreatedSubscription = graphqlDocument<
  DatasetModelVersionCreatedSubscription,
  DatasetModelVersionCreatedSubscriptionVariables
>(modelVersionCreatedOperation, shellModelVersionFragment);
