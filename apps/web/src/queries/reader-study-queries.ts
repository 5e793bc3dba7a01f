import type {
  MyReaderAssignmentsQuery,
  ReaderAssignmentScreenQuery,
  ReaderAssignmentScreenQueryVariables,
  ReaderCandidatesQuery,
  ReaderItemAtQuery,
  ReaderItemAtQueryVariables,
  ReaderStudiesScreenQuery,
  ReaderStudiesScreenQueryVariables,
  ReaderStudyCloseMutation,
  ReaderStudyCloseMutationVariables,
  ReaderStudyCreateMutation,
  ReaderStudyCreateMutationVariables,
  ReaderStudyOpenMutation,
  ReaderStudyOpenMutationVariables,
  ReaderStudyReportQuery,
  ReaderStudyReportQueryVariables,
  SubmitReaderAnswerMutation,
  SubmitReaderAnswerMutationVariables,
} from '../gql/operations';
import { graphqlDocument } from '../lib/graphql-document';

// ── Data scientists: a dataset's reader studies and their report ──

export type ReaderStudiesScreenData = ReaderStudiesScreenQuery;
export type ReaderStudySummary = ReaderStudiesScreenQuery['readerStudies'][number];
export type ReaderStudyReportData = NonNullable<ReaderStudyReportQuery['readerStudy']>;
export type ReaderCandidate = ReaderCandidatesQuery['users']['edges'][number]['node'];

const readerStudySummaryFragment = /* GraphQL */ `
  fragment ReaderStudySummary on ReaderStudy {
    id
    name
    state
    view
    imageCount
    createdAt
    openedAt
    closedAt
    assignments { id reader { id name email } progress { answered total } }
  }
`;

const readerStudiesScreenOperation = /* GraphQL */ `
  query ReaderStudiesScreen($id: ID!) {
    dataset(id: $id) {
      id
      name
      composition { splits { split imageCount labelledImageCount } }
    }
    readerStudies(datasetId: $id) { ...ReaderStudySummary }
  }
`;

export const readerStudiesScreenQuery = graphqlDocument<
  ReaderStudiesScreenQuery,
  ReaderStudiesScreenQueryVariables
>(readerStudiesScreenOperation, readerStudySummaryFragment);

/** Every user (admins only): the readers a study can be assigned to. */
const readerCandidatesOperation = /* GraphQL */ `
  query ReaderCandidates {
    users(first: 500) { edges { node { id name email role isDisabled } } }
  }
`;

export const readerCandidatesQuery = graphqlDocument<ReaderCandidatesQuery>(readerCandidatesOperation);

const readerStudyCreateOperation = /* GraphQL */ `
  mutation ReaderStudyCreate($input: CreateReaderStudyInput!) {
    createReaderStudy(input: $input) { ...ReaderStudySummary }
  }
`;

export const readerStudyCreateMutation = graphqlDocument<
  ReaderStudyCreateMutation,
  ReaderStudyCreateMutationVariables
>(readerStudyCreateOperation, readerStudySummaryFragment);

const readerStudyOpenOperation = /* GraphQL */ `
  mutation ReaderStudyOpen($id: ID!) {
    openReaderStudy(id: $id) { ...ReaderStudySummary }
  }
`;

export const readerStudyOpenMutation = graphqlDocument<
  ReaderStudyOpenMutation,
  ReaderStudyOpenMutationVariables
>(readerStudyOpenOperation, readerStudySummaryFragment);

const readerStudyCloseOperation = /* GraphQL */ `
  mutation ReaderStudyClose($id: ID!) {
    closeReaderStudy(id: $id) { ...ReaderStudySummary }
  }
`;

export const readerStudyCloseMutation = graphqlDocument<
  ReaderStudyCloseMutation,
  ReaderStudyCloseMutationVariables
>(readerStudyCloseOperation, readerStudySummaryFragment);

const proportionEstimateFragment = /* GraphQL */ `
  fragment ProportionEstimateFields on ProportionEstimate {
    estimate
    successes
    total
    wilson { level lower upper }
    clusterBootstrap { level lower upper }
  }
`;

const readerStudyReportOperation = /* GraphQL */ `
  query ReaderStudyReport($id: ID!) {
    readerStudy(id: $id) {
      id
      name
      state
      view
      imageCount
      sampleSeed
      createdAt
      openedAt
      closedAt
      dataset {
        id
        name
        composition {
          studyCount
          imageCount
          labelledImageCount
          splits { split studyCount imageCount labelledImageCount }
        }
      }
      results {
        imageCount
        studyCount
        categories { id name }
        raters {
          key
          kind
          answered
          reader { id name email }
          modelVersion { id version backbone head }
          accuracy { ...ProportionEstimateFields }
          top2Accuracy { ...ProportionEstimateFields }
          confusionMatrix
          perClassRecall { category { id name } recall support }
          readingTime { medianMs totalMs }
        }
        comparisons {
          first
          second
          paired
          bothCorrect
          onlyFirstCorrect
          onlySecondCorrect
          neitherCorrect
          mcnemarPValue
          kappa
        }
      }
    }
  }
`;

export const readerStudyReportQuery = graphqlDocument<
  ReaderStudyReportQuery,
  ReaderStudyReportQueryVariables
>(readerStudyReportOperation, proportionEstimateFragment);

// ── Readers: their assignments, one image at a time. Only what a reader may see: no label, prediction or text. ──

export type ReaderAssignmentSummary = MyReaderAssignmentsQuery['myReaderAssignments'][number];
export type ReaderItemData = NonNullable<SubmitReaderAnswerMutation['submitReaderAnswer']['item']>;
export type ReaderAssignmentData = Extract<
  NonNullable<ReaderAssignmentScreenQuery['node']>,
  { __typename: 'ReaderAssignment' }
>;

const myReaderAssignmentsOperation = /* GraphQL */ `
  query MyReaderAssignments {
    myReaderAssignments { id studyName state view progress { answered total } }
  }
`;

export const myReaderAssignmentsQuery = graphqlDocument<MyReaderAssignmentsQuery>(
  myReaderAssignmentsOperation,
);

const readerItemFragment = /* GraphQL */ `
  fragment ReaderItemFields on ReaderItem {
    id
    position
    imageUrl(size: 512)
    answer {
      category { id name }
      secondCategory { id name }
      confidence
      timeMs
      revisions
    }
  }
`;

const readerAssignmentScreenOperation = /* GraphQL */ `
  query ReaderAssignmentScreen($id: ID!) {
    node(id: $id) {
      __typename
      ... on ReaderAssignment {
        id
        studyName
        state
        view
        categories { id name color }
        progress { answered total }
        nextItem { ...ReaderItemFields }
      }
    }
  }
`;

export const readerAssignmentScreenQuery = graphqlDocument<
  ReaderAssignmentScreenQuery,
  ReaderAssignmentScreenQueryVariables
>(readerAssignmentScreenOperation, readerItemFragment);

const readerItemAtOperation = /* GraphQL */ `
  query ReaderItemAt($id: ID!, $position: Int!) {
    node(id: $id) {
      __typename
      ... on ReaderAssignment { id item(position: $position) { ...ReaderItemFields } }
    }
  }
`;

export const readerItemAtQuery = graphqlDocument<ReaderItemAtQuery, ReaderItemAtQueryVariables>(
  readerItemAtOperation,
  readerItemFragment,
);

const submitReaderAnswerOperation = /* GraphQL */ `
  mutation SubmitReaderAnswer($input: ReaderAnswerInput!) {
    submitReaderAnswer(input: $input) {
      assignment { id progress { answered total } nextItem { ...ReaderItemFields } }
      item { ...ReaderItemFields }
    }
  }
`;

export const submitReaderAnswerMutation = graphqlDocument<
  SubmitReaderAnswerMutation,
  SubmitReaderAnswerMutationVariables
>(submitReaderAnswerOperation, readerItemFragment);
