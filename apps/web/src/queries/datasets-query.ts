import type { DatasetsQuery, DatasetsQueryVariables } from '../gql/operations';
import { graphqlDocument } from '../lib/graphql-document';

/** How many studies the home page lists per dataset. */
export const studiesPerDataset = 50;

export type DatasetSummary = DatasetsQuery['datasets'][number];
export type StudySummary = DatasetSummary['studies']['edges'][number]['node'];

export const datasetsQuery = graphqlDocument<DatasetsQuery, DatasetsQueryVariables>(/* GraphQL */ `
  query Datasets($studiesFirst: Int!) {
    datasets {
      id
      name
      imageCount
      excludedImageCount
      studyCount
      studies(first: $studiesFirst) {
        totalCount
        edges { node { id key imageCount } }
      }
    }
  }
`);
