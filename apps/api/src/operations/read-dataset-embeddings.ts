import type { Database } from '@loupe/db';
import { executeRows } from '@loupe/db';
import { type SQL, sql } from 'drizzle-orm';
import { badInput } from '../errors';
import { type ImageRow, toImageRow } from './dataset-image-rows';

export const MAX_EMBEDDING_PAGE = 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type StoredEmbedding = {
  image: ImageRow;
  backbone: string;
  dimensions: number;
  /** The little-endian float32 vector, base64-encoded. */
  base64: string;
};

/**
 * Each image's embedding under its current crop box (its own, else its study's default; the key is
 * `x,y,w,h` or `full`, as training writes it) and one backbone: the one asked for, else the newest model
 * version's, else the one embedded most recently. Images without such an embedding are left out.
 */
function embeddingRowsClause(datasetId: string, backbone: string | null | undefined): SQL {
  return sql`with chosen as (
      select coalesce(${backbone ?? null}::text,
        (select mv.backbone from model_versions mv where mv.dataset_id = ${datasetId}::uuid
          order by mv.version desc limit 1),
        (select e.backbone from embeddings e join images i on i.id = e.image_id
          where i.dataset_id = ${datasetId}::uuid order by e.created_at desc limit 1)) as backbone
    ),
    embedding_rows as (
      select i.id, i.dataset_id, i.study_id, i.sha256, i.width, i.height, i.format::text as format, i.bit_depth,
        i.channels, i.source_file_name, i.frame_index, i.import_batch_id, i.created_at,
        e.backbone, e.dimensions, encode(e.vector, 'base64') as vector_base64
      from images i
      left join crop_boxes ic on ic.image_id = i.id
      left join crop_boxes sc on sc.study_id = i.study_id
      join embeddings e on e.image_id = i.id and e.backbone = (select backbone from chosen)
        and e.crop_key = coalesce(coalesce(ic.x, sc.x) || ',' || coalesce(ic.y, sc.y) || ','
          || coalesce(ic.width, sc.width) || ',' || coalesce(ic.height, sc.height), 'full')
      where i.dataset_id = ${datasetId}::uuid
    )`;
}

/** One page of a dataset's embeddings in image-id order: one statement for the page, one for the count. */
export async function readDatasetEmbeddings(
  db: Database,
  options: { datasetId: string; backbone?: string | null; first: number; afterImageId?: string },
): Promise<{ rows: StoredEmbedding[]; totalCount: number }> {
  if (!Number.isInteger(options.first) || options.first < 0 || options.first > MAX_EMBEDDING_PAGE)
    throw badInput(`"first" must be between 0 and ${MAX_EMBEDDING_PAGE}.`);
  if (options.afterImageId !== undefined && !UUID.test(options.afterImageId))
    throw badInput('The cursor is not valid; use a cursor returned by this API.');
  const rowsWith = embeddingRowsClause(options.datasetId, options.backbone);
  const after = options.afterImageId ? sql`r.id > ${options.afterImageId}::uuid` : sql`true`;
  type Raw = Parameters<typeof toImageRow>[0] & {
    backbone: string;
    dimensions: number;
    vector_base64: string;
  };
  const [rows, counts] = await Promise.all([
    executeRows<Raw>(
      db,
      sql`${rowsWith} select r.* from embedding_rows r where ${after} order by r.id limit ${options.first + 1}`,
    ),
    executeRows<{ n: number }>(db, sql`${rowsWith} select count(*)::int as n from embedding_rows r`),
  ]);
  return {
    rows: rows.map((row) => ({
      image: toImageRow(row),
      backbone: row.backbone,
      dimensions: Number(row.dimensions),
      // The database wraps base64 text every 76 characters.
      base64: row.vector_base64.replace(/\s/g, ''),
    })),
    totalCount: Number(counts[0]?.n ?? 0),
  };
}

/** The float32 values behind a stored embedding's base64 text (little-endian, as embeddings are written). */
export function decodeEmbedding(base64: string): number[] {
  const bytes = Buffer.from(base64, 'base64');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.byteLength / 4 }, (_, index) => view.getFloat32(index * 4, true));
}
