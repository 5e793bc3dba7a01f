import GraphQLUpload from 'graphql-upload/GraphQLUpload.mjs';
import type { FileUpload } from 'graphql-upload/processRequest.mjs';
import { requireCapability } from '../auth/roles';
import { badInput } from '../errors';
import type { FrameSelection } from '../operations/decode-import-file';
import { importUploads } from '../operations/import-uploads';
import type { GraphQLContext } from './context';
import { idOf } from './global-id';

export const importFilesTypeDefs = /* GraphQL */ `
  "A file sent in a GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec)."
  scalar Upload

  "Which frames of a multi-frame DICOM file become images."
  enum DicomFrames {
    ALL
    FIRST
    MIDDLE
  }

  "Manifest column names, where they differ from file, study, label, annotation and crop."
  input ManifestColumnsInput {
    file: String
    study: String
    label: String
    annotation: String
    crop: String
  }

  "A file (or manifest row) that was not imported, and why. line: the manifest line, where a row caused it."
  type ImportFailure {
    file: String!
    line: Int
    "TOO_LARGE, DECODE_FAILED, BAD_FILE_NAME, DUPLICATE_FILE, BAD_MANIFEST_ROW, CROP_OUT_OF_BOUNDS, …"
    code: String!
    message: String!
  }

  "An uploaded file left alone: not an image, or not named in the manifest."
  type ImportSkip {
    file: String!
    reason: String!
  }

  "What one import did. Each image was stored in its own transaction: the imported ones stay whatever failed."
  type ImportReport {
    dataset: Dataset!
    "Files (and manifest rows) considered."
    files: Int!
    "Images stored (a multi-frame DICOM file can give several)."
    imported: Int!
    "Images already in the dataset (same bytes): nothing was written for them."
    alreadyPresent: Int!
    failed: Int!
    failures: [ImportFailure!]!
    skipped: [ImportSkip!]!
    "Manifest rows naming a file that was not uploaded in this request (upload a large folder in several requests, each with the manifest)."
    manifestRowsWithoutFile: Int!
    durationMs: Int!
  }

  extend type Mutation {
    """
    Import uploaded images (PNG, JPEG, DICOM) into a dataset, as \`loupe import\` does with a folder. paths gives
    each file's path in that folder ("study-12/image-3.png"), in the order of files (multipart file names lose
    their folders); without it a file is known by its name. Without a manifest each top folder is a study. With a
    manifest (CSV: file, study, annotation, label, crop), its rows name the files by path. Give datasetId, or datasetName
    (the dataset is created if new). Sent as a multipart request with an Apollo-Require-Preflight header; each
    file is capped at LOUPE_MAX_UPLOAD_BYTES (a larger one is reported as TOO_LARGE, the others go in), and a
    request at 1,000 files and 1 GiB. New images are embedded and predicted right away; labelled ones train a model.
    """
    importFiles(
      datasetId: ID
      datasetName: String
      files: [Upload!]!
      paths: [String!]
      manifest: Upload
      columns: ManifestColumnsInput
      frames: DicomFrames = ALL
    ): ImportReport!
  }
`;

type ImportFilesArgs = {
  datasetId?: string | null;
  datasetName?: string | null;
  files: Promise<FileUpload>[];
  paths?: string[] | null;
  manifest?: Promise<FileUpload> | null;
  columns?: Record<string, string | null> | null;
  frames?: 'ALL' | 'FIRST' | 'MIDDLE' | null;
};

export const importFilesResolvers = {
  Upload: GraphQLUpload,
  ImportReport: {
    dataset: (report: { datasetId: string }, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.dataset.load(report.datasetId),
  },
  Mutation: {
    importFiles: async (_: unknown, args: ImportFilesArgs, ctx: GraphQLContext) => {
      requireCapability(ctx.viewer, 'curate');
      if (!args.datasetId === !args.datasetName)
        throw badInput('Give either datasetId or datasetName (a new name creates the dataset).');
      const columns = Object.fromEntries(
        Object.entries(args.columns ?? {}).filter((entry): entry is [string, string] => !!entry[1]),
      );
      return importUploads(ctx.app, {
        ...(args.datasetId ? { datasetId: idOf('Dataset', args.datasetId) } : {}),
        ...(args.datasetName ? { datasetName: args.datasetName } : {}),
        files: args.files,
        ...(args.paths ? { paths: args.paths } : {}),
        manifest: args.manifest ?? undefined,
        columns,
        frames: (args.frames ?? 'ALL').toLowerCase() as FrameSelection,
      });
    },
  },
};
