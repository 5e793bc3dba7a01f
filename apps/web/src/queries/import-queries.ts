import type {
  ImportDatasetQuery,
  ImportDatasetQueryVariables,
  ImportFilesMutation,
  ImportFilesMutationVariables,
} from '../gql/operations';
import { graphqlDocument } from '../lib/graphql-document';

export type ImportFilesVariables = ImportFilesMutationVariables;
export type ImportFilesReport = ImportFilesMutation['importFiles'];
export type DicomFrames = NonNullable<ImportFilesMutationVariables['frames']>;
export type ManifestColumns = NonNullable<ImportFilesMutationVariables['columns']>;

/**
 * Imports one batch of uploaded files (sent as a multipart request, see `sendMultipartGraphQL`) into a
 * dataset, given by ID or by a name that creates it. `paths` gives each file's path below the picked
 * folder, in the order of `files`: the API does not trust multipart file names to keep their folders.
 */
export const importFilesMutation = graphqlDocument<ImportFilesMutation, ImportFilesMutationVariables>(
  /* GraphQL */ `
    mutation ImportFiles(
      $datasetId: ID
      $datasetName: String
      $files: [Upload!]!
      $paths: [String!]
      $manifest: Upload
      $columns: ManifestColumnsInput
      $frames: DicomFrames
    ) {
      importFiles(
        datasetId: $datasetId
        datasetName: $datasetName
        files: $files
        paths: $paths
        manifest: $manifest
        columns: $columns
        frames: $frames
      ) {
        dataset { id name }
        files
        imported
        alreadyPresent
        failed
        failures { file line code message }
        skipped { file reason }
        manifestRowsWithoutFile
        manifestRowsMatched
        durationMs
      }
    }
  `,
);

/** The dataset the import screen imports into, and whether the viewer may. */
export const importDatasetQuery = graphqlDocument<
  ImportDatasetQuery,
  ImportDatasetQueryVariables
>(/* GraphQL */ `
  query ImportDataset($id: ID!) {
    dataset(id: $id) {
      id
      name
      imports(first: 10) {
        totalCount
        edges {
          node {
            id
            source
            startedAt
            finishedAt
            importedBy { name }
            imported
            alreadyPresent
            failed
          }
        }
      }
    }
    me { role }
  }
`);
