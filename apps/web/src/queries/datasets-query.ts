import { graphqlDocument } from '../lib/graphql-document';

/** How many studies the home page lists per dataset. */
export const studiesPerDataset = 50;

export type StudySummary = { id: string; key: string; imageCount: number };

export type DatasetSummary = {
  id: string;
  name: string;
  imageCount: number;
  studyCount: number;
  studies: { totalCount: number; edges: { node: StudySummary }[] };
};

export type DatasetsQueryData = { datasets: DatasetSummary[] };

export const datasetsQuery = graphqlDocument<DatasetsQueryData, { studiesFirst: number }>(`
  query Datasets($studiesFirst: Int!) {
    datasets {
      id
      name
      imageCount
      studyCount
      studies(first: $studiesFirst) {
        totalCount
        edges { node { id key imageCount } }
      }
    }
  }
`);
