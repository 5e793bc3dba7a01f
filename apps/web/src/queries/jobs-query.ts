import type {
  DatasetJobsQuery,
  DatasetJobsQueryVariables,
  JobDetailFragment,
  JobDetailProgressSubscription,
  JobDetailProgressSubscriptionVariables,
  RequestRetrainMutation,
  RequestRetrainMutationVariables,
} from '../gql/operations';
import { graphqlDocument } from '../lib/graphql-document';

export type JobDetail = JobDetailFragment;
export type JobPage = NonNullable<DatasetJobsQuery['dataset']>['jobs'];

/** Jobs fetched per page on the Jobs screen. */
export const jobsPerPage = 20;

/** What the Jobs and Overview screens show of a job. */
export const jobDetailFragment = /* GraphQL */ `
  fragment JobDetail on Job {
    id
    kind
    state
    progress
    message
    error
    attempt
    createdAt
    startedAt
    finishedAt
  }
`;

const datasetJobsOperation = /* GraphQL */ `
  query DatasetJobs($id: ID!, $first: Int!, $after: String) {
    me { role }
    dataset(id: $id) {
      id
      jobs(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { ...JobDetail } }
      }
    }
  }
`;

/** A page of a dataset's jobs, newest first, and the viewer's role (who may start a training run). */
export const datasetJobsQuery = graphqlDocument<DatasetJobsQuery, DatasetJobsQueryVariables>(
  datasetJobsOperation,
  jobDetailFragment,
);

const jobDetailProgressOperation = /* GraphQL */ `
  subscription JobDetailProgress($datasetId: ID!) {
    jobProgress(datasetId: $datasetId) { ...JobDetail }
  }
`;

export const jobDetailProgressSubscription = graphqlDocument<
  JobDetailProgressSubscription,
  JobDetailProgressSubscriptionVariables
>(jobDetailProgressOperation, jobDetailFragment);

const requestRetrainOperation = /* GraphQL */ `
  mutation RequestRetrain($datasetId: ID!) {
    requestRetrain(datasetId: $datasetId)
  }
`;

export const requestRetrainMutation = graphqlDocument<
  RequestRetrainMutation,
  RequestRetrainMutationVariables
>(requestRetrainOperation);
