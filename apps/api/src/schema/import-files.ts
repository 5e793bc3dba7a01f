import { importBatches } from '@loupe/db';
import { and, desc, eq } from 'drizzle-orm';
import GraphQLUpload from 'graphql-upload/GraphQLUpload.mjs';
import type { FileUpload } from 'graphql-upload/processRequest.mjs';
import { requireCapability } from '../auth/roles';
import { badInput } from '../errors';
import type { FrameSelection } from '../operations/decode-import-file';
import { importUploads } from '../operations/import-uploads';
import type { GraphQLContext } from './context';
import { idOf, toGlobalId } from './global-id';
import { decodeCursor, newestFirstAfter, pageSize, toConnection } from './pagination';

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
    "Manifest rows naming a file of this request (with \`loupe import\`, every row naming a file). Every request of a large upload carries the whole manifest, so the rows no request matched are withoutFile + matched of any one request, less the sum of matched."
    manifestRowsMatched: Int!
    durationMs: Int!
  }

  "One import (\`loupe import\` of a folder, or an upload request) into a dataset, and what came of it."
  type ImportBatch implements Node {
    id: ID!
    dataset: Dataset!
    "The folder given to \`loupe import\`, or: upload of N file(s)."
    source: String!
    "Who imported; null when unknown (an import before this was recorded, or a deleted user)."
    importedBy: User
    startedAt: String!
    "Null while the import runs, or when it stopped before its end."
    finishedAt: String
    imported: Int!
    alreadyPresent: Int!
    failed: Int!
    "The first 1,000 failures."
    failures: [ImportFailure!]!
    "The first 1,000 skipped files."
    skipped: [ImportSkip!]!
  }

  type ImportBatchEdge {
    cursor: String!
    node: ImportBatch!
  }

  type ImportBatchConnection {
    edges: [ImportBatchEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  extend type Dataset {
    "The dataset's imports, newest first."
    imports(first: Int = 20, after: String): ImportBatchConnection!
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

type ImportBatchRow = typeof importBatches.$inferSelect;
type StoredReport = { failures?: unknown[]; skipped?: unknown[] } | null;

export const importFilesResolvers = {
  Upload: GraphQLUpload,
  Dataset: {
    imports: async (
      dataset: { id: string },
      args: { first?: number; after?: string },
      ctx: GraphQLContext,
    ) => {
      const size = pageSize(args.first, 20);
      const page = newestFirstAfter(decodeCursor(args.after), importBatches.startedAt, importBatches.id);
      const { db } = ctx.app.database;
      const inDataset = eq(importBatches.datasetId, dataset.id);
      const rows = await db
        .select()
        .from(importBatches)
        .where(and(inDataset, page.where))
        .orderBy(desc(importBatches.startedAt), desc(importBatches.id))
        .limit(size + 1);
      return toConnection(
        rows,
        size,
        await db.$count(importBatches, inDataset),
        (row) => page.cursorOf({ time: row.startedAt, id: row.id }),
        (row) => row,
      );
    },
  },
  ImportBatch: {
    id: (row: ImportBatchRow) => toGlobalId('ImportBatch', row.id),
    dataset: (row: ImportBatchRow, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.dataset.load(row.datasetId),
    importedBy: (row: ImportBatchRow, _: unknown, ctx: GraphQLContext) =>
      row.createdBy ? ctx.loaders.user.load(row.createdBy) : null,
    startedAt: (row: ImportBatchRow) => row.startedAt.toISOString(),
    finishedAt: (row: ImportBatchRow) => row.finishedAt?.toISOString() ?? null,
    imported: (row: ImportBatchRow) => row.importedCount,
    alreadyPresent: (row: ImportBatchRow) => row.presentCount,
    failed: (row: ImportBatchRow) => row.failedCount,
    failures: (row: ImportBatchRow) => (row.report as StoredReport)?.failures ?? [],
    skipped: (row: ImportBatchRow) => (row.report as StoredReport)?.skipped ?? [],
  },
  ImportReport: {
    dataset: (report: { datasetId: string }, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.dataset.load(report.datasetId),
  },
  Mutation: {
    importFiles: async (_: unknown, args: ImportFilesArgs, ctx: GraphQLContext) => {
      const viewer = requireCapability(ctx.viewer, 'curate');
      if (!args.datasetId === !args.datasetName)
        throw badInput('Give either datasetId or datasetName (a new name creates the dataset).');
      const columns = Object.fromEntries(
        Object.entries(args.columns ?? {}).filter((entry): entry is [string, string] => !!entry[1]),
      );
      return importUploads(ctx.app, {
        authorId: viewer.userId,
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
