import { requireCapability } from '../auth/roles';
import { badInput, notFound } from '../errors';
import { type ExportFormat, exportDataset } from '../operations/export-dataset';
import {
  decodeEmbedding,
  readDatasetEmbeddings,
  type StoredEmbedding,
} from '../operations/read-dataset-embeddings';
import type { GraphQLContext } from './context';
import { idOf } from './global-id';
import { decodeCursor, toConnection } from './pagination';

type EmbeddingFormat = 'FLOATS' | 'BASE64_FLOAT32';
type EmbeddingNode = StoredEmbedding & { format: EmbeddingFormat };

export const datasetAnalysisTypeDefs = /* GraphQL */ `
  enum EmbeddingFormat {
    "vector holds the numbers"
    FLOATS
    "base64 holds the little-endian float32 bytes"
    BASE64_FLOAT32
  }

  "An image's cached embedding under its current crop box: the frozen backbone's features."
  type Embedding {
    image: Image!
    backbone: String!
    dimensions: Int!
    "With format FLOATS, else null."
    vector: [Float!]
    "With format BASE64_FLOAT32, else null."
    base64: String
  }

  type EmbeddingConnection {
    edges: [EmbeddingEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type EmbeddingEdge {
    cursor: String!
    node: Embedding!
  }

  enum DatasetExportFormat {
    CSV
    JSON
  }

  """
  One row per image: image_id, sha256, source_file_name, study_key, split, label, label_source, model_version,
  top1, top1_probability, top2, top2_probability (the newest prediction's two first guesses), excluded (true or
  false) and exclusion_reason.
  """
  type DatasetExport {
    format: DatasetExportFormat!
    rowCount: Int!
    text: String!
  }

  extend type Dataset {
    """
    Embeddings of the images under their current crop boxes (at most 1000 a page), in image order. The
    backbone defaults to the newest model version's; images not yet embedded under it are left out.
    """
    embeddings(backbone: String, first: Int = 100, after: String, format: EmbeddingFormat = FLOATS): EmbeddingConnection!
  }

  extend type Query {
    "A dataset's images with their split, labels and predictions, as CSV or JSON text."
    exportDataset(datasetId: ID!, format: DatasetExportFormat = CSV): DatasetExport!
  }
`;

export const datasetAnalysisResolvers = {
  Dataset: {
    embeddings: async (
      dataset: { id: string },
      args: { backbone?: string | null; first?: number | null; after?: string; format?: EmbeddingFormat },
      ctx: GraphQLContext,
    ) => {
      requireCapability(ctx.viewer, 'read');
      const first = args.first ?? 100;
      const after = decodeCursor(args.after);
      if (after && after.sort !== 'image') throw badInput('The cursor does not belong to embeddings.');
      const page = await readDatasetEmbeddings(ctx.app.database.db, {
        datasetId: dataset.id,
        backbone: args.backbone,
        first,
        afterImageId: after?.id,
      });
      const format = args.format ?? 'FLOATS';
      return toConnection(
        page.rows,
        first,
        page.totalCount,
        (row) => ({ sort: 'image', id: row.image.id }),
        (row): EmbeddingNode => ({ ...row, format }),
      );
    },
  },
  Embedding: {
    vector: (node: EmbeddingNode) => (node.format === 'FLOATS' ? decodeEmbedding(node.base64) : null),
    base64: (node: EmbeddingNode) => (node.format === 'BASE64_FLOAT32' ? node.base64 : null),
  },
  Query: {
    exportDataset: async (
      _: unknown,
      args: { datasetId: string; format?: ExportFormat },
      ctx: GraphQLContext,
    ) => {
      requireCapability(ctx.viewer, 'read');
      const dataset = await ctx.loaders.dataset.load(idOf('Dataset', args.datasetId));
      if (!dataset) throw notFound('The dataset');
      return exportDataset(ctx.app.database.db, { datasetId: dataset.id, format: args.format ?? 'CSV' });
    },
  },
};
